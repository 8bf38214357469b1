package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara Micro stopped as an operator stops it (SIGTERM) with people in the room: it undeploys the
 * application, and each client is told and closed with {@code 1001}. Payara only: its Arquillian
 * adapter runs one server process per test class, which this test may stop; the Tomcat side is
 * RedeployIT.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar();
  }

  @Test
  void stoppingTheServerTellsEveryClientAndClosesWith1001() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "shutdown", "alice");
        ChatClient bob = ChatClient.login(base, "shutdown", "bob")) {
      alice.skipUntil("login", "bob");
      List<ProcessHandle> servers = payaraMicroServing(base.getPort());
      assertEquals(1, servers.size(), "the Payara Micro process serving port " + base.getPort());
      servers.get(0).destroy();
      for (ChatClient client : List.of(alice, bob)) {
        JsonObject notice = client.skipUntil("system", "system");
        assertEquals("server_shutdown", notice.getString("code"), notice::toString);
        assertTrue(notice.getString("content").contains("shutting down"), notice::toString);
        assertEquals(1001, client.awaitClose());
      }
    }
  }

  private static List<ProcessHandle> payaraMicroServing(int port) {
    return ProcessHandle.allProcesses()
        .filter(
            process -> {
              String line = process.info().commandLine().orElse("");
              return line.contains("payara-micro.jar") && line.contains("--port " + port + " ");
            })
        .collect(Collectors.toList());
  }
}
