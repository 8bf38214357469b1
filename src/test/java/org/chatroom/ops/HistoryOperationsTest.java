package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's history operations (the MBean's {@code deleteLine} and {@code clearHistory}), as
 * the room's clients see them; the JMX connector itself is tested in the containers.
 */
class HistoryOperationsTest {

  @RegisterExtension static final EmbeddedServer server = EmbeddedServer.withDefaults();

  final URL base = server.base();

  @Test
  void deletedLineLeavesEveryScreenAndTheHistory() throws Exception {
    RoomsMXBean operator = server.bean(Administration.class);
    try (ChatClient alice = ChatClient.login(base, "moderated", "alice");
        ChatClient bob = ChatClient.login(base, "moderated", "bob")) {
      alice.skipUntil("login", "bob");
      alice.say("fine");
      alice.say("abusive");
      alice.say("fine again");
      alice.expect("user");
      long abusive = Frames.id(alice.expect("user"));
      alice.expect("user");
      bob.expect("user");
      bob.expect("user");
      long last = Frames.id(bob.expect("user"));

      assertTrue(operator.deleteLine("moderated", abusive));
      assertFalse(operator.deleteLine("moderated", abusive), "it is gone already");
      for (ChatClient client : new ChatClient[] {alice, bob}) {
        JsonObject delete = client.expect("delete");
        assertEquals(abusive, Frames.id(delete));
        assertEquals("moderated", delete.getString("room"));
      }

      try (ChatClient carol = ChatClient.connect(base, "moderated")) {
        carol.expect("handshake");
        carol.send(Frames.login("carol"));
        assertEquals("fine", carol.expect("user").getString("content"));
        assertEquals("fine again", carol.expect("user").getString("content"));
        carol.expect("login");
      }
      try (ChatClient phone = ChatClient.connect(base, "moderated")) {
        phone.expect("handshake");
        phone.send(Frames.login("phone", abusive - 1));
        assertEquals(last, Frames.id(phone.expect("user")));
        assertTrue(
            phone.expect("login").getBoolean("recovered"), "a removed line is not a lost one");
      }
    }
  }

  @Test
  void clearedHistoryIsNotReplayedAndIdsGoOn() throws Exception {
    RoomsMXBean operator = server.bean(Administration.class);
    long last;
    try (ChatClient alice = ChatClient.login(base, "cleared", "alice")) {
      alice.say("old");
      last = Frames.id(alice.expect("user"));
      operator.clearHistory("cleared");
      try (ChatClient bob = ChatClient.connect(base, "cleared")) {
        bob.expect("handshake");
        bob.send(Frames.login("bob"));
        assertEquals("login", bob.next().getString("type"), "no history after a clear");
        bob.say("new");
        assertEquals(last + 1, Frames.id(bob.expect("user")));
      }
    }
    try (ChatClient phone = ChatClient.connect(base, "cleared")) {
      phone.expect("handshake");
      phone.send(Frames.login("phone", last - 1));
      assertEquals("new", phone.expect("user").getString("content"));
      assertFalse(phone.expect("login").getBoolean("recovered"), "the old line is gone");
    }
  }
}
