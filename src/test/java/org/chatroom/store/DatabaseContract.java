package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatroom.testing.CatchUp;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The WAR on a real server pointed at a real PostgreSQL 15, as an administrator sets it up: the
 * chat room keeps its lines there and a reconnect catches up exactly. Each server's test sets up
 * the database its own way and says how the log names it.
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
