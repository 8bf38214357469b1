package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The limits, each set low through the deployment's JNDI entries so that a test can reach it:
 * connections, rate, sizes, slow and silent clients, and the origin allow-list.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsIT {

  private static final int MAX_CONNECTIONS = 60;
  private static final int BURST = 30;
  private static final int MAX_STRIKES = 10;
  private static final int MAX_LENGTH = 4000;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar(
        Map.ofEntries(
            Map.entry(ChatSettings.MAX_CONNECTIONS, String.valueOf(MAX_CONNECTIONS)),
            Map.entry(ChatSettings.RATE_PER_SECOND, "1"),
            Map.entry(ChatSettings.RATE_BURST, String.valueOf(BURST)),
            Map.entry(ChatSettings.RATE_MAX_STRIKES, String.valueOf(MAX_STRIKES)),
            Map.entry(ChatSettings.MAX_MESSAGE_LENGTH, String.valueOf(MAX_LENGTH)),
            Map.entry(ChatSettings.MAX_FRAME_SIZE, "16384"),
            Map.entry(ChatSettings.OUTBOX_LIMIT, "256"),
            Map.entry(ChatSettings.SEND_TIMEOUT_MS, "2000"),
            Map.entry(ChatSettings.IDLE_TIMEOUT_MS, "10000"),
            Map.entry(ChatSettings.ALLOWED_ORIGINS, "https://friend.example"),
            Map.entry(ChatSettings.ALLOW_MISSING_ORIGIN, "false")));
  }

  @Test
  @Order(1)
  void connectionOverTheLimitGetsServerFullAnd1013() throws Exception {
    List<ChatClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        ChatClient client = ChatClient.connect(base, "full");
        client.expect("handshake");
        clients.add(client);
      }
      try (ChatClient refused = ChatClient.connect(base, "full")) {
        refused.expectError("server_full");
        assertEquals(1013, refused.awaitClose());
      }

      clients.remove(0).close();
      ChatClient again = connectOnceThereIsRoom();
      clients.add(again);
    } finally {
      clients.forEach(ChatClient::close);
    }
  }

  @Test
  @Order(2)
  void floodIsRefusedThenClosedWhileTheRoomGoesOn() throws Exception {
    try (ChatClient observer = ChatClient.login(base, "flood", "observer");
        ChatClient flooder = ChatClient.login(base, "flood", "flooder")) {
      observer.skipUntil("login", "flooder");
      int sent = 0;
      try {
        for (; sent < BURST + MAX_STRIKES + 20; sent++) {
          flooder.say("spam " + sent);
        }
      } catch (Exception closedUnderUs) {
        // the server closed the flooder while it was still sending: expected
      }
      int echoed = 0;
      int refused = 0;
      while (true) {
        JsonObject frame = flooder.next();
        if ("user".equals(frame.getString("type"))) {
          echoed++;
        } else if ("rate_limited".equals(frame.getString("code", null))) {
          refused++;
          if (refused >= MAX_STRIKES) {
            break;
          }
        }
      }
      assertTrue(echoed >= BURST - 1, "the burst goes through: " + echoed);
      assertTrue(echoed <= BURST + 2, "the limit holds: " + echoed);
      assertEquals(1008, flooder.awaitClose());

      observer.skipUntil("logout", "flooder");
      observer.say("the room goes on");
      assertEquals("the room goes on", observer.expect("user").getString("content"));
    }
  }

  @Test
  @Order(3)
  void overlongLineIsRefusedAndAnOverlongFrameIsCutWith1009() throws Exception {
    try (ChatClient client = ChatClient.login(base, "sizes", "writer")) {
      client.say("x".repeat(MAX_LENGTH + 1));
      client.expectError("message_too_long");
      // Longer than Tomcat's text receive buffer (web.xml): joined from parts.
      client.say("x".repeat(MAX_LENGTH));
      assertEquals(MAX_LENGTH, client.expect("user").getString("content").length());

      client.say("y".repeat(20_000));
      assertEquals(1009, client.awaitClose());
    }
  }

  @Test
  @Order(4)
  void originAllowListAndMissingOriginFollowTheSettings() throws Exception {
    URI room = ChatClient.roomUri(base, "origins");
    assertEquals(403, statusFor(room, null));
    assertEquals(403, statusFor(room, "https://enemy.example"));
    assertEquals(101, statusFor(room, "https://friend.example"));
    assertEquals(101, statusFor(room, ChatClient.origin(base)));
  }

  @Test
  @Order(5)
  void silentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "idle", "alice");
        RawWebSocket silent = RawWebSocket.open(roomUri("idle"), ChatClient.origin(base))) {
      silent.sendText(Frames.login("ghost"));
      alice.skipUntil("login", "ghost");
      // The ghost answers no ping: after the idle timeout it is gone, and alice is told.
      JsonObject left = alice.skipUntil("logout", "ghost");
      assertEquals(List.of("alice"), Frames.users(left));
    }
  }

  @Test
  @Order(6)
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
      // The sloth never reads, but sends pongs on its own so that only its reading is at fault.
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

  /** A closed connection gives its place back; the server learns of the close shortly after. */
  private ChatClient connectOnceThereIsRoom() throws Exception {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (true) {
      ChatClient client = ChatClient.connect(base, "full");
      JsonObject first = client.next();
      if ("handshake".equals(first.getString("type"))) {
        return client;
      }
      assertEquals("server_full", first.getString("code"));
      assertEquals(1013, client.awaitClose());
      client.close();
      assertTrue(System.nanoTime() < deadline, "the closed connection's place never came back");
    }
  }
}
