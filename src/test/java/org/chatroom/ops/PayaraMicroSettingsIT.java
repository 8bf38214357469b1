package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.PayaraMicroServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payara Micro has no admin console or {@code asadmin} to run against a live server; its operator
 * gives a setting as a JVM option on the command line ({@code java -Dchatroom.history.size=2 -jar
 * payara-micro.jar --deploy chatroom.war}), and redeploys by restarting it. Run on Payara Micro 6
 * and 7 (the jar and the JDK come from the failsafe execution).
 */
class PayaraMicroSettingsIT {

  private static volatile int historySize = 2;

  @RegisterExtension
  static final PayaraMicroServer payara =
      new PayaraMicroServer().withOptions(() -> List.of("-Dchatroom.history.size=" + historySize));

  @Test
  void historySizeGivenAsAJvmOptionTakesEffectOnRestart() throws Exception {
    URL base = PayaraMicroServer.BASE.toURL();
    try (ChatClient alice = ChatClient.login(base, "settings", "alice")) {
      for (int i = 0; i < 6; i++) {
        alice.say("line " + i);
        alice.expect("user");
      }
    }
    assertEquals(2, linesReplayedToANewcomer(base), "history.size 2");

    payara.stop();
    historySize = 5;
    payara.start();
    assertEquals(5, linesReplayedToANewcomer(base), "history.size 5 after a restart");
  }

  static int linesReplayedToANewcomer(URL base) throws Exception {
    try (ChatClient bob = ChatClient.connect(base, "settings")) {
      bob.expect("handshake");
      bob.send(Frames.login("bob"));
      int replayed = 0;
      while (true) {
        JsonObject frame = bob.next();
        if ("login".equals(frame.getString("type"))) {
          return replayed;
        }
        if ("user".equals(frame.getString("type")) && frame.getBoolean("history", false)) {
          replayed++;
        }
      }
    }
  }
}
