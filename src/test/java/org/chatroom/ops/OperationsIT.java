package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Set;
import javax.management.ObjectName;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Frames;
import org.chatroom.testing.Http;
import org.chatroom.testing.Jmx;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operating the deployed room: health and stats over HTTP, and every MBean operation called through
 * a local JMX connector attached to the server's JVM, as JConsole does, while real clients listen.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar();
  }

  @Test
  void healthIsUpAndStatsCountWithoutNicknamesOrText() throws Exception {
    HttpResponse<String> health = Http.get(base, "api/health");
    assertEquals(200, health.statusCode());
    assertEquals("UP", json(health).getString("status"));

    try (ChatClient alice = ChatClient.login(base, "stats", "alice");
        ChatClient bob = ChatClient.login(base, "stats", "bob")) {
      alice.skipUntil("login", "bob");
      alice.say("secret words");
      alice.expect("user");
      bob.send("not json");
      bob.skipUntil("system", "system");

      HttpResponse<String> response = Http.get(base, "api/stats");
      assertEquals(200, response.statusCode());
      JsonObject stats = json(response);
      assertTrue(stats.getInt("connectionsOpen") >= 2, response.body());
      // Per-room figures are for operators only (api/OperatorStatsIT): totals here.
      assertFalse(stats.containsKey("usersPerRoom"), response.body());
      assertTrue(stats.getInt("rooms") >= 1, response.body());
      assertTrue(stats.getInt("usersOnline") >= 2, response.body());
      assertTrue(stats.getJsonNumber("messagesRelayed").longValue() >= 1, response.body());
      assertTrue(stats.getJsonNumber("messagesRefused").longValue() >= 1, response.body());
      assertFalse(response.body().contains("alice"), response.body());
      assertFalse(response.body().contains("secret"), response.body());
    }
  }

  @Test
  void mbeanShowsTheRoomsAndItsOperationsReachTheClients() throws Exception {
    try (Jmx jmx = Jmx.attach("/chatroom");
        ChatClient alice = ChatClient.login(base, "jmx", "alice");
        ChatClient mallory = ChatClient.login(base, "jmx", "mallory");
        ChatClient other = ChatClient.login(base, "jmx-other", "olga")) {
      alice.skipUntil("login", "mallory");
      Set<ObjectName> names =
          jmx.connection().queryNames(new ObjectName("chatroom:type=Rooms,*"), null);
      assertEquals(1, names.size(), names.toString());
      RoomsMXBean rooms = jmx.rooms();

      assertTrue(rooms.getConnectionsOpen() >= 3);
      assertEquals(2, rooms.getUsersPerRoom().get("jmx"));
      assertTrue(rooms.getRooms() >= 2);

      assertEquals(1, rooms.announce("jmx", "Maintenance at noon"));
      JsonObject notice = alice.expect("system");
      assertEquals("announcement", notice.getString("code"));
      assertEquals("Maintenance at noon", notice.getString("content"));
      assertEquals("jmx", notice.getString("room"));
      assertTrue(rooms.announce("*", "Hello everyone") >= 2);
      JsonObject everyone = other.expect("system");
      assertEquals("announcement", everyone.getString("code"));
      assertEquals("Hello everyone", everyone.getString("content"));

      assertTrue(rooms.kick("jmx", "MALLORY", "spam"));
      JsonObject kicked = notice(mallory, "kicked");
      assertTrue(kicked.getString("content").contains("spam"), kicked::toString);
      assertEquals("spam", kicked.getString("reason"));
      assertEquals(1008, mallory.awaitClose());
      JsonObject left = alice.skipUntil("logout", "mallory");
      assertFalse(Frames.listsUsers(left));
      assertFalse(rooms.kick("jmx", "nobody", "x"));

      assertEquals(1, rooms.closeRoom("jmx-other"));
      assertEquals("jmx-other", notice(other, "room_closed").getString("room"));
      assertEquals(1000, other.awaitClose());
      alice.say("still open");
      assertEquals("still open", alice.skipUntil("user", "alice").getString("content"));
    }
  }

  /**
   * {@code /api/metrics} is the operator's on every server: refused without credentials, and, where
   * this server's test gives an operator (the test Tomcats' {@code tomcat-users.xml}, a Payara
   * Server file-realm user made with {@code asadmin}, a WildFly application user made with {@code
   * add-user.sh}), Prometheus text that counts this room's lines. Payara Micro's own operator is in
   * {@code api/MetricsIT}.
   */
  @Test
  void metricsAreTheOperatorsAndCountTheLines() throws Exception {
    HttpResponse<String> anonymous = Http.get(base, "api/metrics");
    assertEquals(401, anonymous.statusCode());
    assertFalse(anonymous.body().contains("chatroom_"), anonymous.body());
    if (!Operators.addedOn(System.getProperty("chatroom.container"))) {
      return;
    }
    try (ChatClient alice = ChatClient.login(base, "metrics", "alice")) {
      alice.say("counted");
      alice.expect("user");
      HttpResponse<String> scrape =
          Http.getAs(base, "api/metrics", Operators.USER, Operators.PASSWORD);
      assertEquals(200, scrape.statusCode(), scrape.body());
      assertTrue(Http.contentType(scrape).startsWith("text/plain"), Http.contentType(scrape));
      assertTrue(
          scrape.body().lines().anyMatch(l -> l.matches("chatroom_messages_relayed_total [1-9].*")),
          scrape.body());
      assertTrue(scrape.body().contains("chatroom_delivery_latency_seconds_bucket{"));
      assertFalse(scrape.body().contains("alice"), "no nicknames in the metrics");
    }
  }

  /** Reads up to the next system frame of that code, past earlier ones such as announcements. */
  private static JsonObject notice(ChatClient client, String code) throws Exception {
    while (true) {
      JsonObject frame = client.skipUntil("system", "system");
      if (code.equals(frame.getString("code"))) {
        return frame;
      }
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }
}
