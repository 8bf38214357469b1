package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Frames;
import org.chatroom.testing.ServerLog;
import org.chatroom.testing.TomcatManager;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying with people in the room, after others vanished without a close: each client is told
 * and closed with {@code 1001}, the history and its ids outlive the redeploy, and on Tomcat the
 * Manager finds no class loader left behind. Not on Payara Micro, whose adapter undeploys by
 * stopping the whole server process.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

  /** Its own context path, so that Find leaks speaks of this deployment and no earlier one. */
  private static final String NAME = "redeploy";

  @ArquillianResource Deployer deployer;

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWarNamed(NAME);
  }

  @Test
  void undeployTellsEveryClientAndLeavesNoLeak() throws Exception {
    URL base =
        new URL("http://localhost:" + System.getProperty("chatroom.http.port") + "/" + NAME + "/");
    deployer.deploy(NAME);
    try (ChatClient alice = ChatClient.login(base, "redeploy", "alice");
        ChatClient bob = ChatClient.login(base, "redeploy", "bob")) {
      alice.skipUntil("login", "bob");
      // Some traffic, and clients that vanish without a close, as in real life.
      for (int i = 0; i < 10; i++) {
        ChatClient crasher = ChatClient.login(base, "redeploy", "crasher" + i);
        crasher.say("here and gone");
        crasher.expect("user");
        crasher.abort();
        alice.skipUntil("logout", "crasher" + i);
      }
      deployer.undeploy(NAME);
      for (ChatClient client : new ChatClient[] {alice, bob}) {
        JsonObject notice = client.skipUntil("system", "system");
        assertEquals("server_shutdown", notice.getString("code"), notice::toString);
        assertTrue(notice.getString("content").contains("shutting down"), notice::toString);
        assertEquals(1001, client.awaitClose());
      }
    }
    if (System.getProperty("chatroom.tomcat.port") != null) {
      TomcatManager manager =
          new TomcatManager(
              URI.create(
                  "http://localhost:"
                      + System.getProperty("chatroom.tomcat.port")
                      + "/manager/text/"),
              "arquillian",
              "arquillian");
      String leaks = manager.findLeaks("/" + NAME, ChatClient.TIMEOUT);
      assertTrue(leaks.startsWith("OK - "), leaks);
      assertFalse(leaks.contains("/" + NAME), leaks);
    }
    deployer.deploy(NAME);
    try (ChatClient again = ChatClient.connect(base, "redeploy")) {
      again.expect("handshake");
      again.send(Frames.login("alice"));
      long last = 0;
      for (int i = 0; i < 10; i++) {
        JsonObject kept = again.expect("user");
        assertEquals("here and gone", kept.getString("content"), "history outlives the redeploy");
        assertTrue(kept.getBoolean("history"));
        last = Frames.id(kept);
      }
      again.expect("login");
      again.say("back");
      JsonObject back = again.expect("user");
      assertEquals("back", back.getString("content"));
      assertEquals(last + 1, Frames.id(back), "ids go on after the redeploy");
    } finally {
      deployer.undeploy(NAME);
    }
  }
}
