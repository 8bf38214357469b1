package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.CatchUp;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that reconnects with {@code since} gets exactly what it missed, or is told it did not;
 * on an embedded Tyrus server with H2 in memory.
 */
class CatchUpTest {

  private static final int HISTORY = 5;

  /**
   * Above the 120 lines CatchUp's twenty talkers say while the phone is away, all of which a fast
   * run may store before the phone is back: that catch-up must be exact however quick the talk.
   */
  private static final int MAX_RECOVERY = 150;

  @RegisterExtension
  static final EmbeddedServer server =
      EmbeddedServer.withSettings(
          Map.of(
              ChatSettings.HISTORY_SIZE,
              String.valueOf(HISTORY),
              ChatSettings.RECOVERY_MAX_LINES,
              String.valueOf(MAX_RECOVERY),
              ChatSettings.RATE_PER_SECOND,
              "1000",
              ChatSettings.RATE_BURST,
              "1000"));

  final URL base = server.base();

  @Test
  void reconnectWithSinceGetsExactlyTheMissedLinesWhileOthersKeepTalking() throws Exception {
    CatchUp.whileTwentyOthersTalk(base, "catchup");
  }

  @Test
  void tooManyMissedLinesStartAfreshAndSaySo() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "toomany", "alice")) {
      alice.say("first");
      long seen = Frames.id(alice.expect("user"));
      for (int i = 0; i < MAX_RECOVERY + 1; i++) {
        alice.say("line " + i);
        alice.expect("user");
      }
      try (ChatClient bob = ChatClient.connect(base, "toomany")) {
        bob.expect("handshake");
        bob.send(Frames.login("bob", seen));
        for (int i = MAX_RECOVERY + 1 - HISTORY; i < MAX_RECOVERY + 1; i++) {
          JsonObject replayed = bob.expect("user");
          assertEquals("line " + i, replayed.getString("content"));
          assertTrue(replayed.getBoolean("history"));
        }
        JsonObject echo = bob.expect("login");
        assertFalse(echo.getBoolean("recovered"));
      }
    }
  }

  @Test
  void sinceBeyondTheLastLineIsNotRecovered() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "reset", "alice")) {
      alice.say("only line");
      long last = Frames.id(alice.expect("user"));
      try (ChatClient bob = ChatClient.connect(base, "reset")) {
        bob.expect("handshake");
        bob.send(Frames.login("bob", last + 10));
        assertEquals("only line", bob.expect("user").getString("content"));
        assertFalse(bob.expect("login").getBoolean("recovered"));
      }
    }
  }

  @Test
  void upToDateClientIsRecoveredWithNothingToReplay() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "uptodate", "alice")) {
      alice.say("seen");
      long last = Frames.id(alice.expect("user"));
      try (ChatClient bob = ChatClient.connect(base, "uptodate")) {
        bob.expect("handshake");
        bob.send(Frames.login("bob", last));
        JsonObject echo = bob.expect("login");
        assertTrue(echo.getBoolean("recovered"));
        assertEquals(List.of("alice", "bob"), Frames.users(echo));
      }
    }
  }

  @Test
  void loginWithoutSinceIsTheSeedLoginWithNoRecoveredField() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "seed", "alice")) {
      alice.say("hello");
      alice.expect("user");
      try (ChatClient bob = ChatClient.connect(base, "seed")) {
        bob.expect("handshake");
        bob.send(Frames.login("bob"));
        assertTrue(bob.expect("user").getBoolean("history"));
        assertFalse(bob.expect("login").containsKey("recovered"));
      }
    }
  }
}
