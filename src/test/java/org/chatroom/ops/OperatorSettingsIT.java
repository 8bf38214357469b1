package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.ServerLog;
import org.chatroom.testing.servers.AdminTools;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A setting changed with the server's own administration tool, the way the README tells an
 * operator, takes effect when the application is redeployed: a Tomcat context file's {@code
 * Environment}, Payara Server's {@code asadmin set-web-env-entry} and an application restart,
 * WildFly's CLI {@code /system-property}. The setting is {@code chatroom.history.size}, which a
 * newcomer sees as the number of lines replayed. (Payara Micro has no tool of its own to run
 * against a live server; its way, a JVM option, is in {@code PayaraMicroSettingsIT}.)
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperatorSettingsIT {

  private static final String NAME = "settings";
  private static final String SERVER = System.getProperty("chatroom.container");

  @ArquillianResource Deployer deployer;

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWarNamed(NAME);
  }

  @Test
  void historySizeSetWithTheServersToolTakesEffectOnRedeploy() throws Exception {
    URL base =
        new URL("http://localhost:" + System.getProperty("chatroom.http.port") + "/" + NAME + "/");
    try {
      deployer.deploy(NAME);
      try (ChatClient alice = ChatClient.login(base, "settings", "alice")) {
        for (int i = 0; i < 6; i++) {
          alice.say("line " + i);
          alice.expect("user");
        }
      }
      assertEquals(6, linesReplayedToANewcomer(base), "the default history.size, 50");

      setHistorySizeAndRedeploy(2);
      assertEquals(2, linesReplayedToANewcomer(base), "history.size 2 after a redeploy");
    } finally {
      undeployAndForget();
    }
  }

  /** Sets the setting the operator's way on this server, then restarts the application. */
  private void setHistorySizeAndRedeploy(int lines) throws Exception {
    String value = String.valueOf(lines);
    switch (SERVER) {
      case "tomcat", "tomcat11" -> {
        deployer.undeploy(NAME); // the Manager's undeploy would remove a context file present
        Path contextFiles =
            Path.of(System.getProperty("chatroom.tomcat.home"), "conf", "Catalina", "localhost");
        Files.createDirectories(contextFiles);
        Files.writeString(
            contextFiles.resolve(NAME + ".xml"),
            "<Context>\n  <Environment name=\"chatroom/history.size\" value=\""
                + value
                + "\" type=\"java.lang.String\" override=\"false\"/>\n</Context>\n",
            StandardCharsets.UTF_8);
        deployer.deploy(NAME);
      }
      case "payara-server" -> {
        AdminTools.asadmin(
            "set-web-env-entry",
            "--name=chatroom/history.size",
            "--type=java.lang.String",
            "--value=" + value,
            NAME);
        // The admin console's Applications > Reload does the same: the application restarts.
        AdminTools.asadmin("disable", NAME);
        AdminTools.asadmin("enable", NAME);
      }
      case "wildfly" -> {
        AdminTools.jbossCli("/system-property=chatroom.history.size:add(value=" + value + ")");
        deployer.undeploy(NAME);
        deployer.deploy(NAME);
      }
      default -> throw new IllegalStateException("No operator's tool known for " + SERVER);
    }
  }

  private void undeployAndForget() throws Exception {
    deployer.undeploy(NAME);
    if ("wildfly".equals(SERVER)) {
      // The other tests of this server expect the defaults.
      AdminTools.jbossCli("/system-property=chatroom.history.size:remove");
    }
  }

  private static int linesReplayedToANewcomer(URL base) throws Exception {
    return PayaraMicroSettingsIT.linesReplayedToANewcomer(base);
  }
}
