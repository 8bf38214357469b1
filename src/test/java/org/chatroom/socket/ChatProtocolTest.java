package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat protocol of docs/PROTOCOL.md, spoken by real WebSocket clients to the shipped endpoint
 * on an embedded Tyrus server: the seed frames, presence, history, every bad input and its answer.
 * Each test uses a room of its own. What only a deployed WAR shows is in {@link ChatRoomIT}.
 */
class ChatProtocolTest {

  @RegisterExtension static final EmbeddedServer server = EmbeddedServer.withDefaults();

  final URL base = server.base();

  @Test
  void handshakeGreetsWithProtocolVersionRoomAndTheDefaultLimits() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "Greeting")) {
      JsonObject handshake = client.expect("handshake");
      assertEquals(3, handshake.getInt("version"));
      assertEquals("greeting", handshake.getString("room"));
      assertTrue(handshake.getString("content").contains("login"));
      // PROTOCOL.md's example; LimitsTest shows them following the settings.
      assertEquals(
          Json.createReader(
                  new StringReader(
                      "{\"lineLength\":2000,\"nicknameLength\":32,\"roomLength\":32,"
                          + "\"frameSize\":65536,\"ratePerSecond\":5,\"rateBurst\":30,"
                          + "\"typingIntervalMs\":2000}"))
              .readObject(),
          handshake.getJsonObject("limits"));
    }
  }

  @Test
  void twoUsersChatAndSeeEachOtherJoin() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "two", "alice")) {
      try (ChatClient bob = ChatClient.connect(base, "two")) {
        bob.expect("handshake");
        bob.send(Frames.login("bob"));

        JsonObject bobSeesHimself = bob.expect("login");
        assertEquals("bob", bobSeesHimself.getString("from"));
        assertEquals(List.of("alice", "bob"), Frames.users(bobSeesHimself));
        JsonObject aliceSeesBob = alice.expect("login");
        assertEquals("bob", aliceSeesBob.getString("from"));
        assertFalse(Frames.listsUsers(aliceSeesBob), "the others hear who, not the whole list");

        alice.say("hello bob");
        for (ChatClient client : List.of(alice, bob)) {
          JsonObject line = client.expect("user");
          assertEquals("alice", line.getString("from"));
          assertEquals("hello bob", line.getString("content"));
          assertEquals("two", line.getString("room"));
          assertTrue(line.getJsonNumber("time").longValue() > 0);
          assertTrue(line.getJsonNumber("id").longValue() > 0);
        }

        bob.say("hi alice, 你好");
        assertEquals("hi alice, 你好", alice.expect("user").getString("content"));
        assertEquals("bob", bob.expect("user").getString("from"));
      }
      JsonObject bobLeft = alice.expect("logout");
      assertEquals("bob", bobLeft.getString("from"));
      assertFalse(Frames.listsUsers(bobLeft));
    }
  }

  @Test
  void newcomerReceivesRecentHistoryThenTheUserList() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "history", "alice")) {
      alice.say("first");
      alice.say("second");
      alice.expect("user");
      alice.expect("user");

      try (ChatClient carol = ChatClient.connect(base, "history")) {
        carol.expect("handshake");
        carol.send(Frames.login("carol"));
        JsonObject first = carol.expect("user");
        assertEquals("first", first.getString("content"));
        assertTrue(first.getBoolean("history"));
        JsonObject second = carol.expect("user");
        assertEquals("second", second.getString("content"));
        assertTrue(second.getJsonNumber("id").longValue() > first.getJsonNumber("id").longValue());
        JsonObject joined = carol.expect("login");
        assertEquals(List.of("alice", "carol"), Frames.users(joined));

        alice.expect("login");
        alice.say("third");
        JsonObject live = carol.expect("user");
        assertEquals("third", live.getString("content"));
        assertFalse(live.containsKey("history"));
      }
    }
  }

  @Test
  void takenNicknameIsRefusedIgnoringCaseAndTheUserRetries() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "names", "Alice");
        ChatClient other = ChatClient.connect(base, "names")) {
      other.expect("handshake");
      other.send(Frames.login("  alice "));
      other.expectError("nickname_taken");
      other.send(Frames.login(""));
      other.expectError("nickname_invalid");
      other.send(Frames.login("Alice2"));
      JsonObject joined = other.expect("login");
      assertEquals("Alice2", joined.getString("from"));
      assertEquals(List.of("Alice", "Alice2"), Frames.users(joined));
    }
  }

  /** Every bad input of docs/PROTOCOL.md, its answer, and the same connection chatting after. */
  @Test
  void everyBadInputGetsItsErrorAndTheConnectionStaysUsable() throws Exception {
    String[][] beforeLogin = {
      {"this is not json", "malformed_frame"},
      {"[1,2,3]", "malformed_frame"},
      {"\"just a string\"", "malformed_frame"},
      {"42", "malformed_frame"},
      {"null", "malformed_frame"},
      {"", "malformed_frame"},
      {"   ", "malformed_frame"},
      {"{\"type\":\"user\"} trailing", "malformed_frame"},
      {"{}", "unknown_type"},
      {"{\"content\":\"no type\"}", "unknown_type"},
      {"{\"type\":\"dance\",\"content\":\"x\"}", "unknown_type"},
      {"{\"type\":\"handshake\"}", "unknown_type"},
      {"{\"type\":\"system\",\"content\":\"fake notice\"}", "unknown_type"},
      {"{\"type\":42}", "malformed_frame"},
      {"{\"type\":\"user\",\"content\":123}", "malformed_frame"},
      {"{\"type\":\"login\",\"content\":[\"alice\"]}", "malformed_frame"},
      {"{\"type\":\"user\",\"content\":\"x\",\"n\":" + "9".repeat(100) + "}", "malformed_frame"},
      {"{\"type\":\"user\",\"content\":\"x\",\"a\":[[[[[[[[[[[]]]]]]]]]]]}", "malformed_frame"},
      {Frames.line("before login"), "not_logged_in"},
      {Frames.logout(), "not_logged_in"},
      {Frames.login("bad\u0000nick"), "nickname_invalid"},
      {Frames.login("rtl\u202Enick"), "nickname_invalid"},
      {Frames.login("x".repeat(33)), "nickname_invalid"},
    };
    String[][] afterLogin = {
      {Frames.login("dave again"), "already_logged_in"},
      {Frames.line(""), "empty_message"},
      {Frames.line(" \n\t "), "empty_message"},
      {Frames.line("x".repeat(2001)), "message_too_long"},
      {Frames.line("nul\u0000inside"), "invalid_character"},
      {Frames.line("\u0007bell"), "invalid_character"},
      {"{\"type\":\"user\",\"content\":\"lone \\ud800 surrogate\"}", "invalid_character"},
      {Frames.line("abc\u202Eevil"), "invalid_character"},
      {"{\"type\":\"user\",\"from\":\"alice\",\"content\":\"I am alice\"}", "forged_from"},
    };
    // Two connections, so that neither sends more than the default rate limit's burst.
    try (ChatClient stranger = ChatClient.connect(base, "bad")) {
      stranger.expect("handshake");
      for (String[] input : beforeLogin) {
        stranger.send(input[0]);
        assertEquals(input[1], stranger.expect("system").getString("code", null), input[0]);
      }
      stranger.send(Frames.login("stranger"));
      assertEquals("stranger", stranger.expect("login").getString("from"));
    }
    try (ChatClient client = ChatClient.login(base, "bad", "dave")) {
      for (String[] input : afterLogin) {
        client.send(input[0]);
        assertEquals(input[1], client.expect("system").getString("code", null), input[0]);
      }
      client.send(
          "{\"type\":\"user\",\"from\":\"DAVE\",\"content\":\"still here\",\"x\":{\"y\":1}}");
      JsonObject line = client.expect("user");
      assertEquals("still here", line.getString("content"));
      assertEquals("dave", line.getString("from"));
    }
  }

  @Test
  void forgedFromCannotImpersonateAnyone() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "forgery", "alice");
        ChatClient mallory = ChatClient.login(base, "forgery", "mallory")) {
      alice.skipUntil("login", "mallory");
      mallory.send("{\"type\":\"user\",\"from\":\"alice\",\"content\":\"I am alice\"}");
      mallory.expectError("forged_from");
      mallory.say("honest line");
      JsonObject seen = alice.expect("user");
      assertEquals("mallory", seen.getString("from"));
      assertEquals("honest line", seen.getString("content"));
    }
  }

  @Test
  void droppedConnectionIsAnnouncedExactlyOnce() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "drop", "alice")) {
      ChatClient bob = ChatClient.login(base, "drop", "bob");
      alice.skipUntil("login", "bob");
      bob.abort();

      JsonObject left = alice.expect("logout");
      assertEquals("bob", left.getString("from"));
      assertFalse(Frames.listsUsers(left));
      // The next frame must be this line, not a second logout.
      alice.say("anyone?");
      assertEquals("anyone?", alice.expect("user").getString("content"));
    }
  }

  @Test
  void logoutThenCloseIsAnnouncedOnceAndTheNameIsFreeAgain() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "leave", "alice")) {
      try (ChatClient bob = ChatClient.login(base, "leave", "bob")) {
        alice.skipUntil("login", "bob");
        bob.send(Frames.logout());
        assertEquals("bob", alice.expect("logout").getString("from"));
        bob.say("after logout");
        bob.expectError("not_logged_in");
      }
      alice.say("marker");
      assertEquals("marker", alice.expect("user").getString("content"));

      try (ChatClient bobAgain = ChatClient.login(base, "leave", "BOB")) {
        alice.skipUntil("login", "BOB");
        assertEquals(List.of("alice", "BOB"), Frames.users(bobAgain.welcome()));
      }
    }
  }

  @Test
  void roomsAreSeparate() throws Exception {
    try (ChatClient red = ChatClient.login(base, "red", "sam");
        ChatClient blue = ChatClient.login(base, "blue", "sam")) {
      red.say("only red hears this");
      assertEquals("only red hears this", red.expect("user").getString("content"));
      blue.say("blue line");
      JsonObject next = blue.expect("user");
      assertEquals("blue line", next.getString("content"));
      assertEquals("blue", next.getString("room"));
    }
  }

  @Test
  void typingNoticesReachOnlyTheOthersWhoAskedForThem() throws Exception {
    try (ChatClient alice = loginWithTyping("typing", "alice");
        ChatClient bob = loginWithTyping("typing", "bob");
        ChatClient seed = ChatClient.login(base, "typing", "seed")) {
      alice.skipUntil("login", "seed");
      bob.skipUntil("login", "seed");
      bob.send("{\"type\":\"typing\"}");
      JsonObject notice = alice.expect("typing");
      assertEquals("bob", notice.getString("from"));
      assertEquals("typing", notice.getString("room"));

      bob.say("done typing");
      // The seed-protocol client and bob himself see the line next, no typing notice before it.
      assertEquals("done typing", seed.expect("user").getString("content"));
      assertEquals("done typing", bob.expect("user").getString("content"));
      assertEquals("done typing", alice.expect("user").getString("content"));
    }
  }

  private ChatClient loginWithTyping(String room, String nickname) throws Exception {
    ChatClient client = ChatClient.connect(base, room);
    client.expect("handshake");
    client.send("{\"type\":\"login\",\"content\":\"" + nickname + "\",\"typing\":true}");
    client.skipUntil("login", nickname);
    return client;
  }

  @Test
  void invalidRoomNameIsRefusedWithPolicyClose() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "no%20spaces")) {
      client.expectError("room_invalid");
      assertEquals(1008, client.awaitClose());
    }
  }
}
