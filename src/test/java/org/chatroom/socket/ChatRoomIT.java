package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Frames;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed WAR driven by real WebSocket clients, on whichever container the build chose (Tomcat
 * or Payara Micro). Each test uses a room of its own.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatRoomIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar();
  }

  @Test
  void handshakeGreetsWithProtocolVersionAndRoom() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "Greeting")) {
      JsonObject handshake = client.expect("handshake");
      assertEquals(1, handshake.getInt("version"));
      assertEquals("greeting", handshake.getString("room"));
      assertTrue(handshake.getString("content").contains("login"));
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
        assertEquals(List.of("alice", "bob"), users(bobSeesHimself));
        JsonObject aliceSeesBob = alice.expect("login");
        assertEquals("bob", aliceSeesBob.getString("from"));
        assertEquals(List.of("alice", "bob"), users(aliceSeesBob));

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
      assertEquals(List.of("alice"), users(bobLeft));
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
        assertEquals(List.of("alice", "carol"), users(joined));

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
      assertEquals(List.of("Alice", "Alice2"), users(joined));
    }
  }

  @Test
  void badFramesGetAnErrorAndTheConnectionStaysUsable() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "bad")) {
      client.expect("handshake");
      client.send("this is not json");
      client.expectError("malformed_frame");
      client.send("[1,2,3]");
      client.expectError("malformed_frame");
      client.send("{\"type\":\"dance\",\"content\":\"x\"}");
      client.expectError("unknown_type");
      client.send("{\"content\":\"no type\"}");
      client.expectError("unknown_type");
      client.say("before login");
      client.expectError("not_logged_in");

      client.send(Frames.login("dave"));
      client.expect("login");
      client.send(Frames.login("dave again"));
      client.expectError("already_logged_in");
      client.say("   ");
      client.expectError("empty_message");
      client.send("{\"type\":\"user\",\"content\":\"still here\",\"extra\":{\"ignored\":true}}");
      assertEquals("still here", client.expect("user").getString("content"));
    }
  }

  @Test
  void forgedFromCannotImpersonateAnyone() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "forgery", "alice");
        ChatClient mallory = ChatClient.login(base, "forgery", "mallory")) {
      alice.skipUntil("login", "mallory");
      mallory.send("{\"type\":\"user\",\"from\":\"alice\",\"content\":\"I am alice\"}");
      JsonObject seen = alice.expect("user");
      assertEquals("mallory", seen.getString("from"));
      assertEquals("I am alice", seen.getString("content"));
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
      assertEquals(List.of("alice"), users(left));
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
        assertEquals(List.of("alice", "BOB"), users(alice.skipUntil("login", "BOB")));
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
  void invalidRoomNameIsRefusedWithPolicyClose() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "no%20spaces")) {
      client.expectError("room_invalid");
      assertEquals(1008, client.awaitClose());
    }
  }

  private static List<String> users(JsonObject frame) {
    return frame.getJsonArray("users").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .collect(Collectors.toList());
  }
}
