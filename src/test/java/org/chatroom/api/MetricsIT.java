package org.chatroom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.PayaraMicroServer;
import org.chatroom.testing.ServerProcess;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/metrics} as Prometheus scrapes it, with {@code basic_auth} as the operator: 401
 * without credentials, the Prometheus text format with them, figures and histograms that move when
 * people chat, and no nickname, room name or line in it.
 *
 * <p>Runs in both executions, each on a server of its own that knows the operator the way that
 * server's administrator adds one (the Arquillian Payara has no user at all): on Tomcat a realm in
 * the WAR's context file reading the test Tomcat's {@code tomcat-users.xml}, on Payara Micro a
 * file-realm user made by a post-boot command, as {@link PayaraOperatorIT} does.
 */
class MetricsIT {

  private static final String OPERATOR = OperatorStatsIT.OPERATOR;
  private static final String PASSWORD = OperatorStatsIT.OPERATOR_PASSWORD;
  private static final boolean ON_TOMCAT =
      !"payara".equals(System.getProperty("chatroom.container"));

  @RegisterExtension static final ServerProcess<?> SERVER = ON_TOMCAT ? tomcat() : payara();

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void withoutCredentialsTheMetricsAreRefused() throws Exception {
    HttpResponse<String> anonymous = OperatorStatsIT.get(SERVER.base(), "api/metrics", null, null);
    assertEquals(401, anonymous.statusCode());
    assertTrue(
        anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
        anonymous.headers().map().toString());
    assertFalse(anonymous.body().contains("chatroom_"), anonymous.body());
    if (ON_TOMCAT) {
      // A user of the server without the role (the test Tomcat's deployer) is refused too.
      assertEquals(
          403,
          OperatorStatsIT.get(SERVER.base(), "api/metrics", "arquillian", "arquillian")
              .statusCode());
    }
  }

  @Test
  void theOperatorSeesTheFiguresAndHistogramsMoveAndNoNames() throws Exception {
    HttpResponse<String> first = scrape(null);
    assertEquals(200, first.statusCode(), first.body());
    String contentType = first.headers().firstValue("Content-Type").orElse("");
    assertTrue(contentType.startsWith("text/plain"), contentType);
    assertTrue(contentType.contains("version=0.0.4"), contentType);
    assertTrue(contentType.toLowerCase().contains("charset=utf-8"), contentType);
    assertTrue(
        first.body().contains("# TYPE chatroom_messages_relayed_total counter"), first.body());
    assertTrue(first.body().contains("# TYPE chatroom_delivery_latency_seconds histogram"));
    assertTrue(first.body().contains("# TYPE chatroom_outbox_depth_frames histogram"));
    assertTrue(first.body().contains("jvm_memory_used_bytes"), "the JVM's meters too");
    double relayedBefore = value(first.body(), "chatroom_messages_relayed_total");

    try (ChatClient alice = ChatClient.login(SERVER.base().toURL(), "metrics-hideout", "alice");
        ChatClient bob = ChatClient.login(SERVER.base().toURL(), "metrics-hideout", "bob")) {
      alice.skipUntil("login", "bob");
      alice.say("the plans are under the mat");
      bob.skipUntil("user", "alice");
      alice.skipUntil("user", "alice");

      String body = scrape(null).body();
      assertTrue(value(body, "chatroom_messages_relayed_total") >= relayedBefore + 1, body);
      assertTrue(value(body, "chatroom_users_online") >= 2, body);
      assertTrue(value(body, "chatroom_connections_open") >= 2, body);
      assertTrue(value(body, "chatroom_rooms") >= 1, body);
      assertTrue(value(body, "chatroom_messages_refused_total") >= 0, body);
      assertTrue(value(body, "chatroom_delivery_latency_seconds_bucket{le=\"10.0\"}") >= 2, body);
      assertTrue(value(body, "chatroom_delivery_latency_seconds_count") >= 2, body);
      assertTrue(value(body, "chatroom_outbox_depth_frames_bucket{le=\"8192.0\"}") >= 2, body);
      for (String secret : new String[] {"alice", "bob", "metrics-hideout", "plans", "mat\""}) {
        assertFalse(body.contains(secret), secret + " in\n" + body);
      }
    }
  }

  /**
   * A newcomer's history is queued whole before its first frame goes: on Tomcat the completion of
   * that send sends the rest as one batch (and the newcomer still gets every line, in order); on
   * Payara, whose container does not batch, nothing does.
   */
  @Test
  void framesWaitingForOneClientGoOutInABatchOnTomcatOnly() throws Exception {
    double before = value(scrape(null).body(), "chatroom_send_batches_total");
    try (ChatClient alice = ChatClient.login(SERVER.base().toURL(), "metrics-batches", "alice")) {
      for (int i = 1; i <= 5; i++) {
        alice.say("line " + i);
        alice.skipUntil("user", "alice");
      }
      try (ChatClient carol = ChatClient.connect(SERVER.base().toURL(), "metrics-batches")) {
        carol.expect("handshake");
        carol.send(Frames.login("carol"));
        List<String> history = new ArrayList<>();
        for (JsonObject frame = carol.next();
            !"login".equals(frame.getString("type"));
            frame = carol.next()) {
          history.add(frame.getString("content"));
        }
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "line 5"), history);
      }
    }
    double batches = value(scrape(null).body(), "chatroom_send_batches_total") - before;
    if (ON_TOMCAT) {
      assertTrue(batches >= 1, "batches sent: " + batches);
    } else {
      assertEquals(0, batches, "batches sent");
    }
  }

  @Test
  void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
    HttpResponse<String> response =
        scrape("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
    assertEquals(200, response.statusCode(), response.body());
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    assertTrue(contentType.startsWith("application/openmetrics-text"), contentType);
    assertTrue(response.body().endsWith("# EOF\n"), response.body());
    assertTrue(response.body().contains("chatroom_delivery_latency_seconds_bucket"));
  }

  private static HttpResponse<String> scrape(String accept) throws Exception {
    String credentials = OPERATOR + ":" + PASSWORD;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(SERVER.base().resolve("api/metrics"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return CLIENT.send(request.build(), BodyHandlers.ofString());
  }

  /** The value of the sample of that name and labels, as the text format writes it. */
  private static double value(String exposition, String sample) {
    Matcher found =
        Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)", Pattern.MULTILINE)
            .matcher(exposition);
    assertTrue(found.find(), () -> "no sample " + sample + " in\n" + exposition);
    return Double.parseDouble(found.group(1));
  }

  /** The WAR's own realm, in its context file, with the test Tomcat's users. */
  private static TomcatServer tomcat() {
    Path users = Path.of("src/test/tomcat/conf/tomcat-users.xml").toAbsolutePath();
    return new TomcatServer()
        .withContextXml(
            () ->
                """
                <Context>
                  <Realm className="org.apache.catalina.realm.MemoryRealm" pathname="%s"/>
                </Context>
                """
                    .formatted(users));
  }

  private static PayaraMicroServer payara() {
    return new PayaraMicroServer().withOperator(OPERATOR, PASSWORD);
  }
}
