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
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded database on a stock Tomcat with no setting: its file lives in {@code
 * $CATALINA_BASE/data/chatroom}, and a line anyone saw survives the server being killed ({@code
 * kill -9}) and started again, with ids going on from there.
 */
class DurableHistoryIT {

  @RegisterExtension static final TomcatServer tomcat = new TomcatServer();

  @Test
  void linesSurviveAKilledServerAndIdsGoOn() throws Exception {
    URL base = TomcatServer.BASE.toURL();
    List<Long> ids = new ArrayList<>();
    try (ChatClient alice = ChatClient.login(base, "crash", "alice")) {
      for (int i = 1; i <= 3; i++) {
        alice.say("line " + i);
        ids.add(Frames.id(alice.expect("user")));
      }
    }
    assertTrue(
        Files.isRegularFile(tomcat.home().resolve(Path.of("data", "chatroom", "chatroom.mv.db"))),
        "the embedded database is in $CATALINA_BASE/data/chatroom");

    tomcat.kill();
    tomcat.start();

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
