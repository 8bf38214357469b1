package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import org.chatroom.socket.Connections;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the operator's actions tell the clients, on an embedded Tyrus server: each is a {@code
 * system} frame with the code a client translates by (PROTOCOL.md), and the English sentence that
 * the seed's clients show. Kicks with reasons are in {@link KickTest}. The shutdown ends the
 * server's connections, so it comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorNoticesTest {

  @RegisterExtension static final EmbeddedServer server = EmbeddedServer.withDefaults();

  final URL base = server.base();

  @Test
  @Order(1)
  void anAnnouncementIsTheOperatorsTextExactly() throws Exception {
    RoomsMXBean operator = server.bean(Administration.class);
    try (ChatClient alice = ChatClient.login(base, "news", "alice");
        ChatClient olga = ChatClient.login(base, "news-other", "olga")) {
      String text = "  Maintenance at noon: 维护 <b>not bold</b>\n";
      assertEquals(1, operator.announce("NEWS", text));
      JsonObject notice = alice.expect("system");
      assertEquals("announcement", notice.getString("code"));
      assertEquals(text, notice.getString("content"));
      assertEquals("news", notice.getString("room"));
      assertFalse(notice.containsKey("reason"), notice::toString);

      assertTrue(operator.announce("*", "Hello everyone") >= 2);
      for (ChatClient client : new ChatClient[] {alice, olga}) {
        JsonObject everyone = client.expect("system");
        assertEquals("announcement", everyone.getString("code"));
        assertEquals("Hello everyone", everyone.getString("content"));
      }
    }
  }

  @Test
  @Order(2)
  void aKickWithoutAReasonSaysSoAndSendsNoReasonToTranslateAround() throws Exception {
    RoomsMXBean operator = server.bean(Administration.class);
    try (ChatClient alice = ChatClient.login(base, "quiet-kick", "alice");
        ChatClient bob = ChatClient.login(base, "quiet-kick", "bob")) {
      alice.skipUntil("login", "bob");
      assertTrue(operator.kick("quiet-kick", "bob", " "));
      JsonObject notice = bob.expect("system");
      assertEquals("kicked", notice.getString("code"));
      assertEquals(
          "You were removed from the room by an administrator: Removed by an administrator",
          notice.getString("content"));
      assertFalse(notice.containsKey("reason"), notice::toString);
      assertEquals(1008, bob.awaitClose());
      alice.skipUntil("logout", "bob");
    }
  }

  @Test
  @Order(3)
  void closingARoomTellsEachOfItsMembersWhichRoom() throws Exception {
    RoomsMXBean operator = server.bean(Administration.class);
    try (ChatClient alice = ChatClient.login(base, "closing", "alice");
        ChatClient bob = ChatClient.login(base, "closing", "bob");
        ChatClient olga = ChatClient.login(base, "staying", "olga")) {
      alice.skipUntil("login", "bob");
      assertEquals(2, operator.closeRoom("closing"));
      for (ChatClient client : new ChatClient[] {alice, bob}) {
        JsonObject notice = client.expect("system");
        assertEquals("room_closed", notice.getString("code"));
        assertEquals("closing", notice.getString("room"));
        assertEquals("This room was closed by an administrator.", notice.getString("content"));
        assertEquals(1000, client.awaitClose());
      }
      olga.say("still here");
      assertEquals("still here", olga.expect("user").getString("content"));
    }
  }

  /** What the container's stop runs (ShutdownNotifier has no URL), with the server's own beans. */
  @Test
  @Order(4)
  void aShutdownTellsEveryoneThenClosesWith1001() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "stopping", "alice");
        ChatClient olga = ChatClient.login(base, "stopping-too", "olga")) {
      ShutdownNotifier notifier = new ShutdownNotifier();
      notifier.readiness = server.bean(Readiness.class);
      notifier.connections = server.bean(Connections.class);
      notifier.destroy();
      for (ChatClient client : new ChatClient[] {alice, olga}) {
        JsonObject notice = client.expect("system");
        assertEquals("server_shutdown", notice.getString("code"));
        assertTrue(notice.getString("content").contains("shutting down"), notice::toString);
        assertEquals(1001, client.awaitClose());
      }
    }
  }
}
