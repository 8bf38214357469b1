package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Frames;
import org.chatroom.testing.RawWebSocket;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits that depend on how the container reads and writes, each set low through the
 * deployment's JNDI entries (as an administrator would) so that a test can reach it: a frame joined
 * from the container's small buffers and cut at its limit, the origin allow-list of the servlet
 * filter, and a client that stops reading while the container buffers what it sends. The limits the
 * endpoint alone enforces are tested on Tyrus, in {@link LimitsTest}.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsIT {

  private static final int MAX_LENGTH = 4000;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar(
        Map.ofEntries(
            Map.entry(ChatSettings.MAX_MESSAGE_LENGTH, String.valueOf(MAX_LENGTH)),
            Map.entry(ChatSettings.MAX_FRAME_SIZE, "16384"),
            // Above the 500 lines every chatter below receives at once: lines are stored and
            // then fanned out apart from their senders, so a fast reader's queue can hold a
            // whole burst. The sloth is caught by the send timeout (Tomcat) or the heartbeat.
            Map.entry(ChatSettings.OUTBOX_LIMIT, "2048"),
            Map.entry(ChatSettings.SEND_TIMEOUT_MS, "2000"),
            Map.entry(ChatSettings.IDLE_TIMEOUT_MS, "5000"),
            Map.entry(ChatSettings.ALLOWED_ORIGINS, "https://friend.example"),
            Map.entry(ChatSettings.ALLOW_MISSING_ORIGIN, "false"),
            // All of this test's 50 chatters come from the loopback.
            Map.entry(ChatSettings.CONNECTIONS_PER_ADDRESS, "100")));
  }

  @Test
  @Order(1)
  void overlongFrameIsJoinedFromPartsAndCutWith1009() throws Exception {
    try (ChatClient told = ChatClient.connect(base, "sizes")) {
      // The settings as the container gives them (web.xml env-entries) reach the handshake.
      JsonObject limits = told.expect("handshake").getJsonObject("limits");
      assertEquals(MAX_LENGTH, limits.getInt("lineLength"), limits::toString);
      assertEquals(16_384, limits.getInt("frameSize"), limits::toString);
    }
    try (ChatClient client = ChatClient.login(base, "sizes", "writer")) {
      // Longer than Tomcat's text receive buffer (web.xml): joined from parts.
      client.say("x".repeat(MAX_LENGTH));
      assertEquals(MAX_LENGTH, client.expect("user").getString("content").length());

      client.say("y".repeat(20_000));
      assertEquals(1009, client.awaitClose());
    }
  }

  @Test
  @Order(2)
  void originAllowListAndMissingOriginFollowTheSettings() throws Exception {
    URI room = ChatClient.roomUri(base, "origins");
    assertEquals(403, statusFor(room, null));
    assertEquals(403, statusFor(room, "https://enemy.example"));
    assertEquals(101, statusFor(room, "https://friend.example"));
    assertEquals(101, statusFor(room, ChatClient.origin(base)));
  }

  @Test
  @Order(3)
  void clientThatStopsReadingIsClosedAndNobodyElseMissesALine() throws Exception {
    int chatters = 50;
    int linesEach = 10;
    String text = "z".repeat(1000);
    List<ChatClient> clients = new ArrayList<>();
    ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
    try (RawWebSocket sloth = RawWebSocket.openSmall(roomUri("slow"), ChatClient.origin(base))) {
      for (int i = 0; i < chatters; i++) {
        clients.add(ChatClient.login(base, "slow", "chatter" + i));
      }
      sloth.sendText(Frames.login("sloth"));
      // The sloth never reads, but sends pongs on its own: they answer no ping, so the heartbeat
      // may catch it as well as the send timeout; either way it must go, and nobody else.
      keepAlive.scheduleAtFixedRate(
          () -> {
            try {
              sloth.send(0xA, new byte[0]);
            } catch (Exception e) {
              // closed by the server: expected in the end
            }
          },
          0,
          500,
          TimeUnit.MILLISECONDS);

      for (int n = 0; n < linesEach; n++) {
        for (ChatClient client : clients) {
          client.say(n + ":" + text);
        }
      }
      for (ChatClient client : clients) {
        int lines = 0;
        boolean slothLeft = false;
        while (lines < chatters * linesEach || !slothLeft) {
          JsonObject frame = client.next();
          String type = frame.getString("type");
          if ("user".equals(type)) {
            lines++;
          } else if ("logout".equals(type)) {
            assertEquals("sloth", frame.getString("from"));
            slothLeft = true;
          }
        }
      }
    } finally {
      keepAlive.shutdownNow();
      clients.forEach(ChatClient::close);
    }
  }

  private URI roomUri(String room) {
    return ChatClient.roomUri(base, room);
  }

  private static int statusFor(URI room, String origin) throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(room, origin)) {
      return socket.status();
    }
  }
}
