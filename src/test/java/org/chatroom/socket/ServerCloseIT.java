package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Http;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closes the server starts, many at once while other requests come in. Every client answers the
 * server's close frame at once, as browsers do; on Payara an answer that arrived while the server
 * was still closing the connection from another thread corrupted the container's request objects
 * (stack traces in other requests), so {@link ServerLog} is the main assertion here.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerCloseIT {

  private static final int CLIENTS = 8;
  private static final int CLOSES_PER_CLIENT = 25;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar();
  }

  @Test
  void everyRefusedClientHearsWhyThenGetsItsCloseAndTheServerStaysClean() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    AtomicBoolean done = new AtomicBoolean();
    try {
      Future<Integer> healthChecks =
          pool.submit(
              () -> {
                int answered = 0;
                while (!done.get()) {
                  assertEquals(200, Http.get(base, "api/health").statusCode());
                  answered++;
                }
                return answered;
              });
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        String room = "closing-" + c;
        clients.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CLOSES_PER_CLIENT; i++) {
                    refusedOnce(room, "user" + i);
                  }
                  return null;
                }));
      }
      for (Future<?> client : clients) {
        client.get(5, TimeUnit.MINUTES);
      }
      done.set(true);
      assertTrue(healthChecks.get(1, TimeUnit.MINUTES) > 0);
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
  }

  private void refusedOnce(String room, String nickname) throws Exception {
    try (ChatClient client = ChatClient.login(base, room, nickname)) {
      client.sendBinary(new byte[] {1, 2, 3});
      JsonObject answer = client.next();
      // The previous client of this room heard its close before the server ended its session, so
      // its logout may reach this one first: that is the room being right, not noise.
      while ("logout".equals(answer.getString("type"))) {
        answer = client.next();
      }
      assertEquals("system", answer.getString("type"), answer::toString);
      assertEquals("binary_unsupported", answer.getString("code", null), answer::toString);
      assertEquals(1003, client.awaitClose());
    }
  }
}
