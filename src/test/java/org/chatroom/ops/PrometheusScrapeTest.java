package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The meters behind {@code GET /api/metrics}, on the embedded server: the MBean's figures move with
 * the traffic, a line's delivery and the outbox depths land in histogram buckets, and nothing names
 * a person, a room or a line. The HTTP side, with its login, is {@code api.MetricsIT}.
 */
class PrometheusScrapeTest {

  @RegisterExtension static final EmbeddedServer server = EmbeddedServer.withDefaults();

  @Test
  void aLineSaidMovesTheFiguresAndTheHistograms() throws Exception {
    PrometheusScrape scrape = server.bean(PrometheusScrape.class);
    String before = scrape(scrape, null);
    try (ChatClient alice = ChatClient.login(server.base(), "metrics-hideout", "alice");
        ChatClient bob = ChatClient.login(server.base(), "metrics-hideout", "bob")) {
      alice.skipUntil("login", "bob");
      alice.say("the plans are under the mat");
      bob.skipUntil("user", "alice");
      alice.skipUntil("user", "alice");

      String after = scrape(scrape, null);
      assertEquals(
          value(before, "chatroom_messages_relayed_total") + 1,
          value(after, "chatroom_messages_relayed_total"),
          after);
      assertTrue(value(after, "chatroom_users_online") >= 2, after);
      assertTrue(value(after, "chatroom_connections_open") >= 2, after);
      assertTrue(value(after, "chatroom_rooms") >= 1, after);
      // Two recipients of the line, and of bob's arrival at least alice.
      assertTrue(
          value(after, "chatroom_delivery_latency_seconds_count")
              >= value(before, "chatroom_delivery_latency_seconds_count") + 3,
          after);
      assertTrue(value(after, "chatroom_delivery_latency_seconds_bucket{le=\"+Inf\"}") >= 3, after);
      assertTrue(value(after, "chatroom_delivery_latency_seconds_bucket{le=\"10.0\"}") >= 3, after);
      assertTrue(value(after, "chatroom_outbox_depth_frames_bucket{le=\"8192.0\"}") >= 3, after);
      for (String secret : new String[] {"alice", "bob", "metrics-hideout", "plans"}) {
        assertFalse(after.contains(secret), secret + " in\n" + after);
      }
    }
  }

  @Test
  void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
    PrometheusScrape scrape = server.bean(PrometheusScrape.class);
    assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType(null));
    assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType("*/*"));
    String openMetrics =
        scrape.contentType(
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", openMetrics);
    String body = scrape(scrape, openMetrics);
    assertTrue(body.endsWith("# EOF\n"), body);
    assertTrue(body.contains("chatroom_messages_relayed_total"), body);
  }

  private static String scrape(PrometheusScrape scrape, String accept) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    scrape.write(out, scrape.contentType(accept));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of the sample of that name and labels, as the text format writes it. */
  static double value(String exposition, String sample) {
    Matcher found =
        Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)", Pattern.MULTILINE)
            .matcher(exposition);
    assertTrue(found.find(), () -> "no sample " + sample + " in\n" + exposition);
    return Double.parseDouble(found.group(1));
  }
}
