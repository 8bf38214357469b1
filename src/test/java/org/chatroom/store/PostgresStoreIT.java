package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.CatchUp;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.chatroom.testing.PostgresServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat room keeping its lines in a real PostgreSQL 15 (Debian's package, started by the test):
 * history outlives the chat server, ids go on, and while the database is down lines are refused,
 * never half-kept, until it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresStoreIT {

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final EmbeddedServer server =
      EmbeddedServer.withSettings(
              () ->
                  Map.of(
                      ChatSettings.DB_URL, postgres.jdbcUrl(),
                      ChatSettings.DB_USER, postgres.user(),
                      ChatSettings.DB_PASSWORD, postgres.password()))
          // The pool's word, with its cause, on connections the stopped database broke.
          .expecting("marked as broken because of SQLSTATE\\(57P01\\)");

  @Test
  @Order(1)
  void historyOutlivesTheChatServerAndIdsGoOn() throws Exception {
    long last;
    try (ChatClient alice = ChatClient.login(server.base(), "durable", "alice")) {
      for (String text : List.of("one", "two", "three")) {
        alice.say(text);
      }
      alice.expect("user");
      alice.expect("user");
      last = Frames.id(alice.expect("user"));
    }
    server.stop();
    server.start();
    try (ChatClient bob = ChatClient.connect(server.base(), "durable")) {
      bob.expect("handshake");
      bob.send(Frames.login("bob"));
      for (String text : List.of("one", "two", "three")) {
        JsonObject replayed = bob.expect("user");
        assertEquals(text, replayed.getString("content"));
        assertTrue(replayed.getBoolean("history"));
      }
      bob.expect("login");
      bob.say("four");
      assertEquals(last + 1, Frames.id(bob.expect("user")));
    }
  }

  @Test
  @Order(2)
  void reconnectCatchesUpExactlyFromPostgres() throws Exception {
    CatchUp.whileTwentyOthersTalk(server.base(), "catchup");
  }

  @Test
  @Order(3)
  void linesSaidWhileTheDatabaseIsDownAreRefusedAndNeverKept() throws Exception {
    try (ChatClient alice = ChatClient.login(server.base(), "outage", "alice");
        ChatClient bob = ChatClient.login(server.base(), "outage", "bob")) {
      alice.skipUntil("login", "bob");
      alice.say("before");
      long before = Frames.id(alice.expect("user"));
      bob.expect("user");

      postgres.takeDown();
      alice.say("during");
      alice.expectError("store_unavailable");
      postgres.bringBack();

      JsonObject after = alice.sayUntilStored("after");
      assertEquals(before + 1, Frames.id(after), "no id was spent on the refused line");
      JsonObject bobNext = bob.expect("user");
      assertEquals("after", bobNext.getString("content"), "bob never saw the refused line");
      assertEquals(0, postgres.linesSaying("during"));
      assertEquals(1, postgres.linesSaying("after"));
    }
  }
}
