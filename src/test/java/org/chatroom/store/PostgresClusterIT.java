package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.chatroom.ops.RoomsMXBean;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.Http;
import org.chatroom.testing.Jmx;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.chatroom.testing.TomcatManager;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stock Tomcats serving the WAR, pointed at one real PostgreSQL and nothing else, are one chat:
 * clients on either see one conversation in one order, one user list and one set of nicknames, can
 * come back on the other server and catch up exactly, through a redeploy of one server and a
 * restart of the database too, and lose the members of a server that is killed within the default
 * node timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterIT {

  /** The WAR's default {@code chatroom.cluster.node-timeout}. */
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(15);

  /** The Manager user of server B, which the redeploy test reloads the WAR through. */
  private static final String MANAGER = "operator";

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final TomcatServer a = tomcat("a");

  @RegisterExtension
  @Order(3)
  static final TomcatServer b = tomcat("b").withManager(MANAGER, MANAGER);

  private static TomcatServer tomcat(String name) {
    return new TomcatServer()
        .onPort(ServerProcess.freePort(), name)
        .withOptions(postgres::serverOptions)
        // The pool's one line per connection the database restart broke (its method's name,
        // checkException, is all that looks like trouble; the WAR keeps the stack trace out).
        .expecting("ProxyConnection.checkException chatroom - Connection .* marked as broken");
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
      assertFalse(Frames.listsUsers(ann.skipUntil("login", "bea")), "ann hears who came");

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
      try (ChatClient back = comeBack(b, "phone", "phone", seen)) {
        assertEquals(
            LongStream.range(0, 10).mapToObj(i -> "while away " + i).collect(Collectors.toList()),
            contents(back, 10));
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
        assertEquals("maintenance at noon", notice(client, "announcement").getString("content"));
      }

      assertTrue(rooms.kick("ops", "bea", "spam"), "bea is found on B");
      JsonObject kicked = notice(bea, "kicked");
      assertTrue(kicked.getString("content").contains("spam"), kicked::toString);
      assertEquals("spam", kicked.getString("reason"), kicked::toString);
      assertEquals(1008, bea.awaitClose());
      ann.skipUntil("logout", "bea");

      assertEquals(2, rooms.closeRoom("ops"), "ann here, cat on B");
      for (ChatClient client : List.of(cat, ann)) {
        assertEquals("ops", notice(client, "room_closed").getString("room"));
        assertEquals(1000, client.awaitClose());
      }
    }
  }

  @Test
  @Order(5)
  void aRedeployedServersClientsComeBackOnEitherServerAndCatchUpExactly() throws Exception {
    long seen;
    try (ChatClient stays = ChatClient.login(url(a), "deploy", "stays");
        ChatClient moves = ChatClient.login(url(b), "deploy", "moves");
        ChatClient returns = ChatClient.login(url(b), "deploy", "returns")) {
      stays.skipUntil("login", "returns");
      stays.say("before");
      seen = Frames.id(lines(stays, 1).get(0));
      assertEquals(seen, Frames.id(lines(moves, 1).get(0)));
      assertEquals(seen, Frames.id(lines(returns, 1).get(0)));

      TomcatManager manager = new TomcatManager(b.managerText(), MANAGER, MANAGER);
      CompletableFuture<String> reload = manager.start("reload?path=/chatroom");
      for (ChatClient client : List.of(moves, returns)) {
        assertEquals(1001, client.awaitClose(), "B's clients are told it is going away");
      }
      List<String> left = new ArrayList<>();
      while (left.size() < 2) {
        JsonObject logout = stays.next();
        assertEquals("logout", logout.getString("type"), logout.toString());
        left.add(logout.getString("from"));
      }
      assertEquals(
          List.of("moves", "returns"),
          left.stream().sorted().collect(Collectors.toList()),
          "B took its members out as it stopped");
      say(stays, "while B reloads", 3);
      lines(stays, 3);

      try (ChatClient moved = comeBack(a, "deploy", "moves", seen)) {
        assertEquals(
            List.of("while B reloads 0", "while B reloads 1", "while B reloads 2"),
            contents(moved, 3));
        assertTrue(moved.expect("login").getBoolean("recovered"));

        String answer = reload.get(2, TimeUnit.MINUTES);
        assertTrue(answer.startsWith("OK - "), answer);
        try (ChatClient returned = comeBack(b, "deploy", "returns", seen)) {
          assertEquals(
              List.of("while B reloads 0", "while B reloads 1", "while B reloads 2"),
              contents(returned, 3));
          JsonObject echo = returned.expect("login");
          assertTrue(echo.getBoolean("recovered"), echo.toString());
          assertEquals(List.of("stays", "moves", "returns"), Frames.users(echo));
          returned.say("back on B");
          assertEquals("back on B", lines(moved, 1).get(0).getString("content"));
          assertEquals("back on B", stays.skipUntil("user", "returns").getString("content"));
        }
      }
    }
  }

  @Test
  @Order(6)
  void aDatabaseRestartLosesNoLineAndNoMember() throws Exception {
    try (ChatClient ann = ChatClient.login(url(a), "restart", "ann");
        ChatClient bob = ChatClient.login(url(b), "restart", "bob")) {
      ann.skipUntil("login", "bob");
      ann.say("before the restart");
      long before = Frames.id(lines(ann, 1).get(0));
      assertEquals(before, Frames.id(lines(bob, 1).get(0)));

      postgres.restart();
      JsonObject stored = bob.sayUntilStored("after the restart");
      assertEquals("after the restart", stored.getString("content"), "each line once: " + stored);
      assertEquals(before + 1, Frames.id(stored), "no line was numbered and then lost");
      JsonObject heard = ann.next();
      assertEquals("user", heard.getString("type"), "ann lost no member meanwhile: " + heard);
      assertEquals(Frames.id(stored), Frames.id(heard));
      assertEquals("after the restart", heard.getString("content"));

      try (ChatClient cat = ChatClient.login(url(a), "restart", "cat")) {
        bob.skipUntil("login", "cat");
        assertEquals(
            List.of("ann", "bob", "cat"),
            Frames.users(cat.welcome()),
            "both servers' members outlived the restart");
      }
    }
  }

  @Test
  @Order(7)
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
        observer.skipUntil("login", "x");
        assertEquals(List.of("observer", "x"), Frames.users(x.welcome()));
      }
    }
  }

  /** A client back in {@code room} on {@code server}, its login with {@code since} sent. */
  private static ChatClient comeBack(TomcatServer server, String room, String nickname, long since)
      throws Exception {
    ChatClient client = ChatClient.connect(url(server), room);
    client.expect("handshake");
    client.send(Frames.login(nickname, since));
    return client;
  }

  /** The contents of the next {@code count} chat lines, which must be replayed history. */
  private static List<String> contents(ChatClient client, int count) throws Exception {
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject line = client.expect("user");
      assertTrue(line.getBoolean("history"), line.toString());
      contents.add(line.getString("content"));
    }
    return contents;
  }

  /** The next {@code system} frame of that code, past the room's other frames. */
  private static JsonObject notice(ChatClient client, String code) throws Exception {
    while (true) {
      JsonObject frame = client.next();
      if ("system".equals(frame.getString("type")) && code.equals(frame.getString("code"))) {
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
}
