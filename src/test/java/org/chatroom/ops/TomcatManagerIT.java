package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.TomcatManager;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WAR deployed, reloaded and undeployed through Tomcat's Manager, as an operator's script does
 * it (its text interface, a user with the role {@code manager-script} only), with people in the
 * room: on a reload they are told, closed with {@code 1001}, come back with the id of the last line
 * they saw and carry on where they were; on the undeploy they are told and closed, and the Manager
 * finds no class loader of the room left behind. Tomcat only: a Tomcat of its own, started with no
 * WAR.
 */
class TomcatManagerIT {

  private static final String USER = "deployer";
  private static final String PASSWORD = "deployer-secret";
  private static final String PATH = "/chatroom";
  private static final String ROOM = "ops";

  @RegisterExtension
  static final TomcatServer TOMCAT = new TomcatServer().withoutWar().withManager(USER, PASSWORD);

  private final TomcatManager manager =
      new TomcatManager(TomcatServer.MANAGER_TEXT, USER, PASSWORD);

  private final URL base;

  TomcatManagerIT() throws MalformedURLException {
    base = TomcatServer.BASE.toURL();
  }

  @Test
  void deployReloadAndUndeployWithPeopleInTheRoom() throws Exception {
    Path war = Path.of(System.getProperty("chatroom.war", "target/chatroom.war"));
    assertOk(manager.deploy(PATH, war));

    List<ChatClient> clients = new ArrayList<>();
    try {
      ChatClient alice = keep(clients, ChatClient.login(base, ROOM, "alice"));
      ChatClient bob = keep(clients, ChatClient.login(base, ROOM, "bob"));
      alice.skipUntil("login", "bob");
      alice.say("before the reload");
      long first = Frames.id(bob.skipUntil("user", "alice"));
      bob.say("me too");
      long second = Frames.id(alice.skipUntil("user", "bob"));
      assertEquals(second, Frames.id(bob.skipUntil("user", "bob")));

      CompletableFuture<String> reload = manager.start("reload?path=" + PATH);
      assertToldAndClosed(alice);
      assertToldAndClosed(bob);
      // Back at once, as the page is: Tomcat holds the new connections until the room is up again.
      alice = keep(clients, rejoin("alice", second));
      bob = keep(clients, rejoin("bob", second));
      assertOk(await(reload));
      alice.skipUntil("login", "bob");

      ChatClient carol = keep(clients, ChatClient.connect(base, ROOM));
      carol.expect("handshake");
      carol.send(Frames.login("carol"));
      assertEquals(
          List.of(first + " before the reload", second + " me too"),
          historyUntilEcho(carol, "carol"),
          "the history outlives the reload");
      alice.skipUntil("login", "carol");
      bob.skipUntil("login", "carol");

      alice.say("after the reload");
      for (ChatClient client : List.of(alice, bob, carol)) {
        JsonObject line = client.skipUntil("user", "alice");
        assertEquals("after the reload", line.getString("content"));
        assertEquals(second + 1, Frames.id(line), "ids go on after the reload");
      }

      CompletableFuture<String> undeploy = manager.start("undeploy?path=" + PATH);
      for (ChatClient client : List.of(alice, bob, carol)) {
        assertToldAndClosed(client);
      }
      assertOk(await(undeploy));
    } finally {
      clients.forEach(ChatClient::close);
    }

    String leaks = manager.findLeaks(PATH, ChatClient.TIMEOUT);
    assertOk(leaks);
    assertFalse(leaks.contains(PATH), leaks);
    TOMCAT.assertLogClean();
  }

  /** Comes back as the page does after a {@code 1001}: a new connection, a login with since. */
  private ChatClient rejoin(String nickname, long since) throws Exception {
    ChatClient client = connectWhileRestarting();
    client.expect("handshake");
    client.send(Frames.login(nickname, since));
    // Nothing was said while it was away: no replay, straight to its own login, caught up.
    JsonObject echo = client.expect("login");
    assertEquals(nickname, echo.getString("from"), () -> "not its own login: " + echo);
    assertTrue(echo.getBoolean("recovered", false), () -> "not recovered: " + echo);
    return client;
  }

  /**
   * A connection to the room while Tomcat may still be restarting it. Tomcat holds a request for a
   * reloading application until it is back; a start slower than the client's handshake timeout is
   * tried again, until the Manager's own answer would have come.
   */
  private ChatClient connectWhileRestarting() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try {
        return ChatClient.connect(base, ROOM);
      } catch (TimeoutException | ExecutionException | AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        // A refusal comes back at once: a short pause between tries, as the page's back-off.
        Thread.sleep(250);
      }
    }
  }

  /** The {@code id content} of each line replayed at login, up to the client's own login. */
  private static List<String> historyUntilEcho(ChatClient client, String nickname)
      throws InterruptedException {
    List<String> lines = new ArrayList<>();
    while (true) {
      JsonObject frame = client.next();
      String type = frame.getString("type");
      if ("login".equals(type) && nickname.equals(frame.getString("from"))) {
        return lines;
      }
      if ("user".equals(type)) {
        assertTrue(frame.getBoolean("history", false), () -> "not history: " + frame);
        lines.add(Frames.id(frame) + " " + frame.getString("content"));
      }
    }
  }

  /**
   * The shutdown notice first, before any {@code logout} of the others closed with it, then the
   * {@code 1001} close.
   */
  private static void assertToldAndClosed(ChatClient client) throws Exception {
    JsonObject notice = client.next();
    assertEquals("system", notice.getString("type"), notice::toString);
    assertEquals("server_shutdown", notice.getString("code"), notice::toString);
    assertTrue(notice.getString("content").contains("shutting down"), notice::toString);
    assertEquals(1001, client.awaitClose());
  }

  private static void assertOk(String answer) {
    assertTrue(answer.startsWith("OK - "), () -> "The Manager answered: " + answer);
  }

  private static String await(CompletableFuture<String> answer) throws Exception {
    return answer.get(120, TimeUnit.SECONDS);
  }

  private static ChatClient keep(List<ChatClient> clients, ChatClient client) {
    clients.add(client);
    return client;
  }
}
