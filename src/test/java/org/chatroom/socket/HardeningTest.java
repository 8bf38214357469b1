package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.chatroom.testing.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a hostile client tries, on the endpoint alone: frames made to be echoed big, connections
 * that never log in, join/leave churn, typing storms and made-up pongs. Each is put down while the
 * connection, or at least everyone else's, goes on.
 */
class HardeningTest {

  private static final int LOGIN_TIMEOUT_MS = 1500;
  private static final int PRESENCE_BURST = 3;

  @RegisterExtension
  static final EmbeddedServer server =
      EmbeddedServer.withSettings(
          Map.of(
              ChatSettings.LOGIN_TIMEOUT_MS,
              String.valueOf(LOGIN_TIMEOUT_MS),
              ChatSettings.PRESENCE_BURST,
              String.valueOf(PRESENCE_BURST),
              ChatSettings.PRESENCE_PER_MINUTE,
              "1",
              ChatSettings.IDLE_TIMEOUT_MS,
              "1500"));

  @Test
  void unknownTypeIsQuotedInAShortExcerptNeverWhole() throws Exception {
    try (ChatClient client = ChatClient.login(server.base(), "echo", "alice")) {
      client.send("{\"type\":\"" + "x".repeat(50_000) + "\"}");
      JsonObject refusal = client.expectError("unknown_type");
      assertTrue(
          refusal.getString("content").length() < 120,
          "a short excerpt: " + refusal.getString("content").length() + " characters");
      client.say("still here");
      assertEquals("still here", client.expect("user").getString("content"));
    }
  }

  @Test
  void connectionThatNeverLogsInIsClosedAfterTheDeadline() throws Exception {
    try (ChatClient alice = ChatClient.login(server.base(), "deadline", "alice");
        ChatClient stranger = ChatClient.connect(server.base(), "deadline")) {
      stranger.expect("handshake");
      stranger.expectError("login_timeout");
      assertEquals(1008, stranger.awaitClose());
      // alice logged in before the same deadline ran out for her, and is still there.
      alice.say("still here");
      assertEquals("still here", alice.expect("user").getString("content"));
    }
  }

  @Test
  void loginsAndLogoutsHaveTheirOwnSlowerBudget() throws Exception {
    try (ChatClient client = ChatClient.connect(server.base(), "churn")) {
      client.expect("handshake");
      client.send(Frames.login("carol"));
      client.expect("login");
      client.send(Frames.logout()); // a leaver hears no logout of its own
      client.send(Frames.login("carol"));
      client.expect("login");
      // The burst is spent: the next logout is refused, and carol stays in the room.
      client.send(Frames.logout());
      client.expectError("rate_limited");
      client.say("still in");
      assertEquals("still in", client.expect("user").getString("content"));
    }
  }

  @Test
  void typingIsRelayedAtMostOncePerInterval() throws Exception {
    try (ChatClient alice = ChatClient.connect(server.base(), "typing");
        ChatClient bob = ChatClient.login(server.base(), "typing", "bob")) {
      alice.expect("handshake");
      alice.send("{\"type\":\"login\",\"content\":\"alice\",\"typing\":true}"); // asks for notices
      alice.expect("login");
      bob.skipUntil("login", "alice");
      for (int i = 0; i < 8; i++) {
        bob.send(Frames.typing());
      }
      bob.say("done typing");
      int notices = 0;
      while (true) {
        JsonObject frame = alice.next();
        if ("typing".equals(frame.getString("type"))) {
          notices++;
        } else if ("done typing".equals(frame.getString("content", null))) {
          break;
        }
      }
      assertEquals(1, notices, "one notice for eight typing frames within the interval");
    }
  }

  @Test
  void madeUpPongsPayLikeFramesAndAnswerNoPing() throws Exception {
    try (ChatClient alice = ChatClient.login(server.base(), "pongs", "alice");
        RawWebSocket liar =
            RawWebSocket.open(
                ChatClient.roomUri(server.base(), "pongs"), ChatClient.origin(server.base()))) {
      liar.sendText(Frames.login("liar"));
      alice.skipUntil("login", "liar");
      // Pongs guessing what a counter would have sent, never the ping's own payload: slowly
      // enough for the rate limit, yet the liar reads no ping and is closed as not reading.
      long deadline = System.nanoTime() + 20_000_000_000L;
      int guess = 0;
      while (System.nanoTime() < deadline) {
        liar.send(0xA, ByteBuffer.allocate(Long.BYTES).putLong(0, ++guess).array());
        if (alice.nothingPending()) {
          Thread.sleep(250);
        } else {
          JsonObject frame = alice.next();
          if ("logout".equals(frame.getString("type")) && "liar".equals(frame.getString("from"))) {
            return;
          }
        }
      }
      throw new AssertionError("the liar's made-up pongs kept it in the room");
    }
  }

  @Test
  void unsolicitedPongsCountAgainstTheRateLimit() throws Exception {
    try (ChatClient alice = ChatClient.login(server.base(), "pongflood", "alice");
        RawWebSocket flooder =
            RawWebSocket.open(
                ChatClient.roomUri(server.base(), "pongflood"), ChatClient.origin(server.base()))) {
      flooder.sendText(Frames.login("flooder"));
      alice.skipUntil("login", "flooder");
      try {
        for (int i = 0; i < 200; i++) {
          flooder.send(0xA, new byte[] {1, 2, 3});
        }
      } catch (java.io.IOException closedUnderUs) {
        // the server closed the flooder while it was still sending: expected
      }
      assertEquals(1008, flooder.readCloseCode());
      alice.skipUntil("logout", "flooder");
    }
  }
}
