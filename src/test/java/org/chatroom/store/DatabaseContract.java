package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatroom.testing.CatchUp;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.Http;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The WAR on a real server pointed at a real PostgreSQL 15, as an administrator sets it up: the
 * chat room keeps its lines there, a reconnect catches up exactly, and while the database is down
 * the health says so and lines are refused at once, until it is back, with none lost or half-kept.
 * Each server's test sets up the database its own way and says how the log names it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DatabaseContract {

  /** The database, registered as a static extension before the server. */
  abstract PostgresServer postgres();

  /** The running server, registered as a static extension after the database. */
  abstract ServerProcess<?> server();

  /** How the server's log names where the lines are kept. */
  abstract String keptIn();

  @Test
  @Order(1)
  void linesGoToPostgres() throws Exception {
    URL base = server().base().toURL();
    try (ChatClient alice = ChatClient.login(base, "pooled", "alice")) {
      alice.say("kept in PostgreSQL");
      assertEquals("kept in PostgreSQL", alice.expect("user").getString("content"));
    }
    assertEquals(1, postgres().linesSaying("kept in PostgreSQL"));
    assertTrue(Files.readString(server().console()).contains("Chat lines are kept in " + keptIn()));
  }

  @Test
  @Order(2)
  void reconnectCatchesUpExactly() throws Exception {
    CatchUp.whileTwentyOthersTalk(server().base().toURL(), "catchup");
  }

  @Test
  @Order(3)
  void healthSaysDownAndLinesAreRefusedWhileTheDatabaseIsAway() throws Exception {
    URL base = server().base().toURL();
    assertEquals(200, Http.get(base, "api/health").statusCode());
    try (ChatClient alice = ChatClient.login(base, "outage", "alice")) {
      alice.say("before");
      long before = Frames.id(alice.expect("user"));

      postgres().takeDown();
      awaitHealth(base, 503);
      alice.say("during");
      alice.expectError("store_unavailable");

      postgres().bringBack();
      awaitHealth(base, 200);
      alice.say("after");
      JsonObject after = alice.expect("user");
      assertEquals(before + 1, Frames.id(after));
      assertEquals(0, postgres().linesSaying("during"));
    }
  }

  /** The health answer is kept a second, and the pool notices a dead database on next use. */
  private static void awaitHealth(URL base, int status) throws Exception {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    int last;
    do {
      last = Http.get(base, "api/health").statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    assertEquals(status, last, "api/health");
  }

  /** The PostgreSQL driver this build uses, for the server's lib as an administrator puts it. */
  static Path driverJar() {
    try {
      return Path.of(
          org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
