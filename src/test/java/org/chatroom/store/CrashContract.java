package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * The embedded database on a real server: a line anyone saw survives the server being killed
 * ({@code kill -9}) and started again, with ids going on from there. Each server's test says where
 * its database file is.
 */
abstract class CrashContract {

  /** The running server, registered as a static extension by the subclass. */
  abstract ServerProcess<?> server();

  /** Where the embedded database's file must be. */
  abstract Path databaseFile();

  @Test
  void linesSurviveAKilledServerAndIdsGoOn() throws Exception {
    ServerProcess<?> server = server();
    URL base = server.base().toURL();
    List<Long> ids = new ArrayList<>();
    try (ChatClient alice = ChatClient.login(base, "crash", "alice")) {
      for (int i = 1; i <= 3; i++) {
        alice.say("line " + i);
        ids.add(Frames.id(alice.expect("user")));
      }
    }
    assertTrue(Files.isRegularFile(databaseFile()), () -> "no database at " + databaseFile());

    server.kill();
    server.start();

    try (ChatClient bob = ChatClient.connect(base, "crash")) {
      bob.expect("handshake");
      bob.send(Frames.login("bob"));
      for (int i = 1; i <= 3; i++) {
        JsonObject replayed = bob.expect("user");
        assertEquals("line " + i, replayed.getString("content"));
        assertEquals(ids.get(i - 1), Frames.id(replayed));
      }
      bob.expect("login");
      bob.say("after the crash");
      assertEquals(ids.get(2) + 1, Frames.id(bob.expect("user")));
    }
    try (ChatClient alice = ChatClient.connect(base, "crash")) {
      alice.expect("handshake");
      alice.send(Frames.login("alice", ids.get(2)));
      JsonObject missed = alice.expect("user");
      assertEquals("after the crash", missed.getString("content"));
      assertTrue(alice.expect("login").getBoolean("recovered"));
    }
  }
}
