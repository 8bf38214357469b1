package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.chatroom.testing.RawWebSocket;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits the endpoint enforces, each set low so that a test can reach it: connections, rate,
 * line, nickname and frame lengths as the handshake tells them, and silent clients, on an embedded
 * Tyrus server. The limits that depend on how a container reads and writes (frame size over its
 * small buffers, slow readers, origins) are in {@link LimitsIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsTest {

  private static final int MAX_CONNECTIONS = 60;
  private static final int BURST = 30;
  private static final int MAX_STRIKES = 10;
  private static final int MAX_LENGTH = 4000;
  private static final int NICKNAME_LENGTH = 12;
  private static final int FRAME_SIZE = 16_384;

  @RegisterExtension
  static final EmbeddedServer server =
      EmbeddedServer.withSettings(
          Map.of(
              ChatSettings.MAX_CONNECTIONS, String.valueOf(MAX_CONNECTIONS),
              ChatSettings.RATE_PER_SECOND, "1",
              ChatSettings.RATE_BURST, String.valueOf(BURST),
              ChatSettings.RATE_MAX_STRIKES, String.valueOf(MAX_STRIKES),
              ChatSettings.MAX_MESSAGE_LENGTH, String.valueOf(MAX_LENGTH),
              ChatSettings.NICKNAME_MAX_LENGTH, String.valueOf(NICKNAME_LENGTH),
              ChatSettings.MAX_FRAME_SIZE, String.valueOf(FRAME_SIZE),
              ChatSettings.TYPING_INTERVAL_MS, "750",
              ChatSettings.IDLE_TIMEOUT_MS, "2000"));

  final URL base = server.base();

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
      // Exactly what the server reads before it closes: the rest of the burst (the login took a
      // token), then strikes to the limit. A frame sent after that meets a closed connection, and
      // the client's failed write may end its reading too, before the close reason is read.
      for (int sent = 0; sent < BURST - 1 + MAX_STRIKES; sent++) {
        flooder.say("spam " + sent);
      }
      // Refused unread, so answered once a second with a count, not once per frame; then the
      // flooder hears why it is closed.
      int answers = 0;
      while (true) {
        Optional<JsonObject> next = flooder.poll(Duration.ofSeconds(5));
        if (next.isEmpty()) {
          // A token came back while the frames went out (one a second), so one strike is owed.
          flooder.say("one more");
          continue;
        }
        JsonObject frame = next.get();
        if ("rate_limited".equals(frame.getString("code", null))) {
          answers++;
          if (frame.getString("content").contains("disconnected")) {
            break;
          }
        }
      }
      assertTrue(answers >= 2 && answers <= 3, "one answer a second, then the close: " + answers);
      assertEquals(1008, flooder.awaitClose());

      // Accepted lines are stored, then relayed: they may reach the room after the flooder left,
      // but all before a line said after that.
      int relayed = 0;
      while (true) {
        JsonObject frame = observer.next();
        boolean flooders = "flooder".equals(frame.getString("from", null));
        if (flooders && "logout".equals(frame.getString("type"))) {
          observer.say("the room goes on");
        } else if (flooders && "user".equals(frame.getString("type"))) {
          relayed++;
        } else if ("the room goes on".equals(frame.getString("content", null))) {
          break;
        }
      }
      assertTrue(relayed >= BURST - 1, "the burst goes through: " + relayed);
      assertTrue(relayed <= BURST + 2, "the limit holds: " + relayed);
    }
  }

  @Test
  @Order(3)
  void theHandshakeTellsTheSettingsInForce() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "told")) {
      JsonObject limits = client.expect("handshake").getJsonObject("limits");
      assertEquals(
          Json.createObjectBuilder()
              .add("lineLength", MAX_LENGTH)
              .add("nicknameLength", NICKNAME_LENGTH)
              .add("roomLength", 32)
              .add("frameSize", FRAME_SIZE)
              .add("ratePerSecond", 1)
              .add("rateBurst", BURST)
              .add("typingIntervalMs", 750)
              .build(),
          limits);
      assertEquals(
          List.of(
              "lineLength",
              "nicknameLength",
              "roomLength",
              "frameSize",
              "ratePerSecond",
              "rateBurst",
              "typingIntervalMs"),
          List.copyOf(limits.keySet()),
          "in the order PROTOCOL.md shows");
    }
  }

  /** The limits are what a client checks against: each is the last length let through. */
  @Test
  @Order(4)
  void lengthsUpToTheHandshakesLimitsPassAndOneMoreIsRefused() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "sizes")) {
      JsonObject limits = client.expect("handshake").getJsonObject("limits");
      int nickname = limits.getInt("nicknameLength");
      int line = limits.getInt("lineLength");

      client.send(Frames.login("w".repeat(nickname + 1)));
      client.expectError("nickname_invalid");
      client.send(Frames.login("w".repeat(nickname)));
      client.skipUntil("login", "w".repeat(nickname));

      client.say("x".repeat(line + 1));
      client.expectError("message_too_long");
      client.say("x".repeat(line));
      assertEquals(line, client.expect("user").getString("content").length());
      // Counted in code points: an emoji is one, though it is two UTF-16 units.
      client.say("\uD83D\uDE00".repeat(line + 1));
      client.expectError("message_too_long");
      client.say("\uD83D\uDE00".repeat(line));
      assertEquals(2 * line, client.expect("user").getString("content").length());
    }
  }

  /** The frame size is counted in UTF-16 units of the text, not in its UTF-8 bytes. */
  @Test
  @Order(5)
  void aFrameOfTheHandshakesSizeIsReadAndOneMoreUnitClosesWith1009() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "frames")) {
      int size = client.expect("handshake").getJsonObject("limits").getInt("frameSize");
      String exactly = frameOfLength(size);
      assertTrue(exactly.getBytes(StandardCharsets.UTF_8).length > size, "more bytes than units");
      client.send(exactly);
      client.expectError("not_logged_in"); // read whole, and answered

      client.send(frameOfLength(size + 1));
      assertEquals(1009, client.awaitClose());
    }
  }

  /** A chat line frame of exactly {@code length} UTF-16 units, of two-byte letters. */
  private static String frameOfLength(int length) {
    String empty = Frames.line("");
    StringBuilder frame = new StringBuilder(empty.substring(0, empty.length() - 2));
    frame.append("é".repeat(length - empty.length()));
    return frame.append("\"}").toString();
  }

  @Test
  @Order(6)
  void silentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "idle", "alice");
        RawWebSocket silent =
            RawWebSocket.open(ChatClient.roomUri(base, "idle"), ChatClient.origin(base))) {
      silent.sendText(Frames.login("ghost"));
      alice.skipUntil("login", "ghost");
      // The ghost answers no ping: after the idle timeout it is gone, and alice is told.
      JsonObject left = alice.skipUntil("logout", "ghost");
      assertEquals("ghost", left.getString("from"));
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
