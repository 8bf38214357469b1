package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URL;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.Http;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A container's own DataSource, {@code jdbc/chatroom}: besides keeping the lines, the chat room
 * reports the database in its health and refuses lines while the database is down, until it is
 * back, with no line lost or half-kept.
 */
abstract class DataSourceContract extends DatabaseContract {

  @Override
  String keptIn() {
    return "the container's DataSource jdbc/chatroom";
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
}
