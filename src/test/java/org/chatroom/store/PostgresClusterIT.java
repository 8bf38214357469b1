package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.chatroom.ops.RoomsMXBean;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.Http;
import org.chatroom.testing.Jmx;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stock Tomcats serving the WAR, pointed at one real PostgreSQL and nothing else, are one chat:
 * clients on either see one conversation in one order, one user list and one set of nicknames, can
 * come back on the other server and catch up exactly, and lose the members of a server that is
 * killed within the default node timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterIT {

  /** The WAR's default {@code chatroom.cluster.node-timeout}. */
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(15);

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final TomcatServer a = tomcat("a");

  @RegisterExtension
  @Order(3)
  static final TomcatServer b = tomcat("b");

  private static TomcatServer tomcat(String name) {
    return new TomcatServer().onPort(freePort(), name).withOptions(postgres::serverOptions);
  }

  @Test
  @Order(1)
  void everyClientOnEitherServerGetsOneConversationInOneOrder() throws Exception {
    try (ChatClient hearsOnA = ChatClient.login(url(a), "order", "ann");
        ChatClient hearsOnB = ChatClient.login(url(b), "order", "bea");
        ChatClient talksOnA = ChatClient.login(url(a), "order", "amy");
        ChatClient talksOnB = ChatClient.login(url(b), "order", "bob")) {
      CompletableFuture<Void> saidOnA = CompletableFuture.runAsync(() -> say(talksOnA, "a", 20));
      CompletableFuture<Void> saidOnB = CompletableFuture.runAsync(() -> say(talksOnB, "b", 20));
      saidOnA.get();
      saidOnB.get();
      List<List<String>> heard = new ArrayList<>();
      for (ChatClient client : List.of(hearsOnA, hearsOnB, talksOnA, talksOnB)) {
        List<JsonObject> lines = lines(client, 40);
        assertEquals(
            LongStream.rangeClosed(1, 40).boxed().collect(Collectors.toList()),
            lines.stream().map(Frames::id).collect(Collectors.toList()),
            "ids in order, each once");
        heard.add(lines.stream().map(l -> l.getString("content")).collect(Collectors.toList()));
      }
      for (List<String> conversation : heard) {
        assertEquals(heard.get(0), conversation, "everyone heard the same conversation");
      }
    }
  }

  @Test
  @Order(2)
  void theUserListAndTheNicknamesAreTheWholeRooms() throws Exception {
    try (ChatClient ann = ChatClient.login(url(a), "people", "ann");
        ChatClient bea = ChatClient.connect(url(b), "people")) {
      bea.expect("handshake");
      bea.send(Frames.login("bea"));
      JsonObject echo = bea.skipUntil("login", "bea");
      assertEquals(List.of("ann", "bea"), Frames.users(echo), "bea's list has ann, on A");
      assertEquals(List.of("ann", "bea"), Frames.users(ann.skipUntil("login", "bea")));

      try (ChatClient copy = ChatClient.connect(url(a), "people")) {
        copy.expect("handshake");
        copy.send(Frames.login("BEA"));
        copy.expectError("nickname_taken");
      }
    }
  }

  @Test
  @Order(3)
  void aClientBackOnTheOtherServerCatchesUpExactly() throws Exception {
    try (ChatClient talker = ChatClient.login(url(a), "phone", "talker")) {
      long seen;
      try (ChatClient phone = ChatClient.login(url(a), "phone", "phone")) {
        say(talker, "before", 5);
        seen = Frames.id(lines(phone, 5).get(4));
      }
      talker.skipUntil("logout", "phone"); // past the five lines, said before the phone left
      say(talker, "while away", 10);
      lines(talker, 10); // stored: B has them to replay
      try (ChatClient back = ChatClient.connect(url(b), "phone")) {
        back.expect("handshake");
        back.send(Frames.login("phone", seen));
        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          JsonObject line = back.expect("user");
          assertTrue(line.getBoolean("history"), line.toString());
          replayed.add(line.getString("content"));
        }
        assertEquals(
            LongStream.range(0, 10).mapToObj(i -> "while away " + i).collect(Collectors.toList()),
            replayed);
        JsonObject echo = back.expect("login");
        assertTrue(echo.getBoolean("recovered"), echo.toString());
      }
    }
  }

  @Test
  @Order(4)
  void theOperatorActsOnTheWholeRoomFromEitherServer() throws Exception {
    try (Jmx jmx = Jmx.attach(a.pid(), "/chatroom");
        ChatClient ann = ChatClient.login(url(a), "ops", "ann");
        ChatClient bea = ChatClient.login(url(b), "ops", "bea");
        ChatClient cat = ChatClient.login(url(b), "ops", "cat")) {
      RoomsMXBean rooms = jmx.rooms();
      assertEquals(2, rooms.getNodesAlive());
      JsonObject stats =
          Json.createReader(new StringReader(Http.get(url(a), "api/stats").body())).readObject();
      assertEquals(2, stats.getInt("nodesAlive"), stats.toString());
      assertEquals(3, rooms.getUsersOnline(), "A counts the members on B of the rooms open on A");

      assertEquals(1, rooms.announce("*", "maintenance at noon"));
      for (ChatClient client : List.of(ann, bea, cat)) {
        assertEquals("maintenance at noon", notice(client).getString("content"));
      }

      assertTrue(rooms.kick("ops", "bea", "spam"), "bea is found on B");
      assertTrue(notice(bea).getString("content").contains("spam"));
      assertEquals(1008, bea.awaitClose());
      ann.skipUntil("logout", "bea");

      assertEquals(2, rooms.closeRoom("ops"), "ann here, cat on B");
      assertEquals(1000, cat.awaitClose());
      assertEquals(1000, ann.awaitClose());
    }
  }

  @Test
  @Order(5)
  void theMembersOfAKilledServerLeaveWithinTheNodeTimeout() throws Exception {
    try (ChatClient observer = ChatClient.login(url(a), "crash", "observer")) {
      List<ChatClient> onB = new ArrayList<>();
      for (String name : List.of("x", "y", "z")) {
        onB.add(ChatClient.login(url(b), "crash", name));
        observer.skipUntil("login", name);
      }
      long killed = System.nanoTime();
      b.kill();
      List<String> left = new ArrayList<>();
      while (left.size() < 3) {
        JsonObject logout = observer.next();
        assertEquals("logout", logout.getString("type"), logout.toString());
        left.add(logout.getString("from"));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - killed);
      System.out.printf("A killed server's members left %d ms after the kill%n", took.toMillis());
      assertEquals(List.of("x", "y", "z"), left.stream().sorted().collect(Collectors.toList()));
      assertTrue(took.compareTo(NODE_TIMEOUT) < 0, "left after " + took);
      assertTrue(observer.poll(Duration.ofSeconds(2)).isEmpty(), "nothing more: one logout each");
      onB.forEach(ChatClient::abort);
      try (ChatClient x = ChatClient.login(url(a), "crash", "x")) {
        assertEquals(List.of("observer", "x"), Frames.users(observer.skipUntil("login", "x")));
      }
    }
  }

  /** The next {@code system} frame that is not an error. */
  private static JsonObject notice(ChatClient client) throws Exception {
    while (true) {
      JsonObject frame = client.next();
      if ("system".equals(frame.getString("type")) && !frame.containsKey("code")) {
        return frame;
      }
    }
  }

  private static URL url(TomcatServer server) throws Exception {
    return server.base().toURL();
  }

  private static void say(ChatClient client, String text, int times) {
    try {
      for (int i = 0; i < times; i++) {
        client.say(text + " " + i);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next {@code count} chat lines the client gets, skipping other frames. */
  private static List<JsonObject> lines(ChatClient client, int count) throws Exception {
    List<JsonObject> lines = new ArrayList<>();
    while (lines.size() < count) {
      JsonObject frame = client.next();
      if ("user".equals(frame.getString("type"))) {
        lines.add(frame);
      }
    }
    return lines;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
