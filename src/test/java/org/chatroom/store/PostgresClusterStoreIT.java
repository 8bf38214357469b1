package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.chatroom.cluster.ClusterCommands;
import org.chatroom.cluster.ClusterListener;
import org.chatroom.cluster.NodeHeartbeat;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.chatroom.room.MessageSink;
import org.chatroom.room.Room;
import org.chatroom.room.RoomName;
import org.chatroom.room.RoomRegistry;
import org.chatroom.room.Transcript;
import org.chatroom.room.Visitor;
import org.chatroom.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Servers sharing their rooms through one real PostgreSQL, built here in the test's JVM as the
 * application builds itself (database, store, rooms, listener), so that each fact is checked in
 * seconds: one order per room across servers, lines found without a notification, a catch-up on
 * another server than the one the client left, and a database restart in the middle.
 */
class PostgresClusterStoreIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  /** How a server reads lines it lacks from the store (JdbcLineStore.after). */
  private static final String READ_LINES =
      "select id, nickname, text, said_at from chat_line where room = $1 and id > $2";

  @RegisterExtension static final PostgresServer postgres = PostgresServer.create();

  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(Node::stop);
  }

  @Test
  void everyMemberOnEveryServerGetsEveryLineOnceInOrder() throws Exception {
    Node a = node();
    Node b = node();
    Listener onA = a.listener("hall", "ann");
    Listener onB = b.listener("hall", "bea");
    Visitor talkerA = a.member("hall", "amy", new Listener());
    Visitor talkerB = b.member("hall", "bob", new Listener());

    CompletableFuture<Void> saidOnA = CompletableFuture.runAsync(() -> say(talkerA, "a", 300));
    CompletableFuture<Void> saidOnB = CompletableFuture.runAsync(() -> say(talkerB, "b", 300));
    saidOnA.get();
    saidOnB.get();

    for (Listener listener : List.of(onA, onB)) {
      List<Long> ids = listener.awaitLines(600);
      assertEquals(LongStream.rangeClosed(1, 600).boxed().collect(Collectors.toList()), ids);
    }
    assertEquals(
        onA.lines().stream().map(l -> l.getString("content")).collect(Collectors.toList()),
        onB.lines().stream().map(l -> l.getString("content")).collect(Collectors.toList()),
        "both servers' members read the same conversation");
  }

  @Test
  void aLineStoredWithoutNotificationArrivesByThePoll() throws Exception {
    Node a = node();
    Listener onA = a.listener("quiet", "ann");
    try (Connection connection =
        DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      connection.setAutoCommit(false);
      long id;
      try (PreparedStatement number =
          connection.prepareStatement(
              "insert into chat_room (name, last_line_id) values ('quiet', 1) on conflict (name)"
                  + " do update set last_line_id = chat_room.last_line_id + 1"
                  + " returning last_line_id")) {
        try (ResultSet result = number.executeQuery()) {
          result.next();
          id = result.getLong(1);
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into chat_line (room, id, nickname, text, said_at)"
                  + " values ('quiet', ?, 'ghost', 'no one rang', 0)")) {
        insert.setLong(1, id);
        insert.executeUpdate();
      }
      connection.commit();
    }
    long waited = System.nanoTime();
    onA.awaitLines(1);
    JsonObject line = onA.lines().get(0);
    long millis = Duration.ofNanos(System.nanoTime() - waited).toMillis();
    assertEquals("no one rang", line.getString("content"));
    assertTrue(
        millis < ClusterListener.POLL_MILLIS + 1_500,
        "the poll found the line after " + millis + " ms");
  }

  @Test
  void aClientBackOnAnotherServerCatchesUpExactly() throws Exception {
    Node a = node();
    Node b = node();
    b.listener.stop(); // B hears nothing: only the catch-up itself can bring its room up to date
    Listener onB = b.listener("phone", "observer");
    Listener talkerHears = new Listener();
    Visitor talker = a.member("phone", "talker", talkerHears);
    Listener phone = new Listener();
    Visitor phoneOnA = a.member("phone", "phone", phone);
    say(talker, "before", 10);
    long seen = phone.awaitLines(10).get(9);
    phoneOnA.end();
    say(talker, "while away", 15);
    talkerHears.awaitLines(25); // stored: B's room is now 15 lines behind, and hears nothing

    Listener back = new Listener();
    b.registry
        .enter(RoomName.parse("phone"))
        .visit(back, "phone-again")
        .login("phone", false, seen);
    List<JsonObject> replayed = back.awaitFrames(16);
    List<String> texts = new ArrayList<>();
    for (JsonObject frame : replayed.subList(0, 15)) {
      assertTrue(frame.getBoolean("history"), frame.toString());
      texts.add(frame.getString("content"));
    }
    assertEquals(
        LongStream.range(0, 15).mapToObj(i -> "while away " + i).collect(Collectors.toList()),
        texts);
    JsonObject echo = replayed.get(15);
    assertEquals("login", echo.getString("type"));
    assertTrue(echo.getBoolean("recovered"), echo.toString());
    assertEquals(
        LongStream.rangeClosed(1, 25).boxed().collect(Collectors.toList()),
        onB.awaitLines(25),
        "the member already on B got the lines the catch-up read, live");
  }

  @Test
  void linesGoOnReachingEveryServerAfterADatabaseRestart() throws Exception {
    Across across = amyOnATalksToBeaOnB("restart");
    Listener onB = across.onB();
    Visitor talker = across.amy();
    say(talker, "before", 1);
    assertEquals(List.of(1L), onB.awaitLines(1));

    postgres.restart();
    // The first lines may meet connections the restart broke; a user sends again, so does this.
    across
        .a()
        .await(
            () -> {
              say(talker, "after", 1);
              return onB.lines().stream().anyMatch(l -> l.getString("content").equals("after 0"));
            });
    List<JsonObject> lines = onB.lines();
    assertEquals("before 0", lines.get(0).getString("content"));
    for (int i = 1; i < lines.size(); i++) {
      assertEquals(i + 1, lines.get(i).getJsonNumber("id").longValue(), "ids without a gap");
      assertEquals("after 0", lines.get(i).getString("content"));
    }
  }

  @Test
  void aTypistIsNotHeldWhileTheDatabaseIsAway() throws Exception {
    Node a = node();
    Node b = node();
    Listener onA = a.listener("held", "ann");
    Visitor typist = b.member("held", "bob", new Listener());
    onA.await("login", "bob"); // A knows bob: a notice of his goes to A
    postgres.takeDown();
    try {
      // Past the pool's half second in which a connection just used is lent without a check: the
      // pool then checks, finds its connections dead and waits for a new one.
      Thread.sleep(1_000);
      long start = System.nanoTime();
      typist.typing(); // told to the other server, which needs the database
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // The pool would keep a thread that asks it for up to its 3 s timeout.
      assertTrue(took < 1_000, "the typist's thread waited " + took + " ms for the database");
    } finally {
      postgres.bringBack();
    }
  }

  @Test
  void theOtherServersLinesComeInItsNoticesNotReadBackOneByOne() throws Exception {
    Across across = amyOnATalksToBeaOnB("notices");
    Listener onB = across.onB();
    Visitor amy = across.amy();
    onB.await("login", "amy");
    long readsBefore = postgres.statementCalls(READ_LINES);

    // One at a time, so that each line is a commit and a notice of its own.
    String tooLongForANotice = "😀".repeat(2000); // 8,000 bytes
    for (int i = 1; i <= 41; i++) {
      amy.say(i == 21 ? tooLongForANotice : "line " + i, null);
      onB.awaitLines(i);
    }

    assertEquals(LongStream.rangeClosed(1, 41).boxed().toList(), onB.awaitLines(41));
    assertEquals(tooLongForANotice, onB.lines().get(20).getString("content"));
    long reads = postgres.statementCalls(READ_LINES) - readsBefore;
    assertTrue(reads <= 4, "the other server read the lines back " + reads + " times for 41");
  }

  @Test
  void aLoginOnAnotherServerComesBeforeTheLinesSaidAfterIt() throws Exception {
    Node a = node();
    Node b = node();
    Listener onB = b.listener("arrivals", "bea");
    for (int i = 0; i < 5; i++) {
      Visitor newcomer = a.member("arrivals", "new" + i, new Listener());
      newcomer.say("hello from new" + i, null);
    }

    onB.awaitLines(5);
    List<String> announced = new ArrayList<>();
    for (JsonObject frame : onB.awaitFrames(onB.frames("login").size() + 5)) {
      if ("login".equals(frame.getString("type"))) {
        announced.add(frame.getString("from"));
      } else if ("user".equals(frame.getString("type"))) {
        String from = frame.getString("from");
        assertTrue(announced.contains(from), from + "'s line came before its login: " + announced);
      }
    }
  }

  /**
   * A login whose notice this server missed (its listener was away) still comes before the line
   * said after it, though that line's own notice arrives while the read of the login is slow.
   */
  @Test
  void aLoginWhoseNoticeWasMissedStillComesBeforeTheNextLine() throws Exception {
    Node a = node();
    Node b = node();
    b.await(() -> b.listener.state() == ClusterListener.State.LISTENING);
    Listener onB = b.listener("missed", "bea");
    b.listener.stop();
    Listener onA = new Listener();
    Visitor newcomer = a.member("missed", "nia", onA); // no one hears it on B

    try (Connection connection =
        DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      connection.setAutoCommit(false);
      try (var lock = connection.createStatement()) {
        // B's read of logins and logouts waits behind this; lines are stored without it.
        lock.execute("lock table chat_presence in access exclusive mode");
      }
      b.listener.start();
      b.await(() -> b.listener.state() == ClusterListener.State.LISTENING);
      newcomer.say("hello", null);
      onA.awaitLines(1); // stored, its notice sent
      Thread.sleep(1_000); // time for B to hear it: the line must wait for the login
      assertTrue(onB.lines().isEmpty(), "nia's line came before its login: " + onB.lines());
      connection.rollback();
    }

    onB.awaitLines(1);
    List<String> order =
        onB.awaitFrames(3).stream()
            .map(f -> f.getString("type") + " " + f.getString("from"))
            .collect(Collectors.toList());
    assertEquals(List.of("login bea", "login nia", "user nia"), order);
  }

  @Test
  void everyServerListsTheWholeRoomAndTellsWhoComesAndGoes() throws Exception {
    Node a = node();
    Node b = node();
    Listener ann = a.listener("lounge", "ann");
    b.listener("lounge", "bea");
    Listener cat = new Listener();
    Visitor catOnB = b.member("lounge", "cat", cat);

    JsonObject echo = cat.awaitFrames(1).get(0);
    assertEquals("login", echo.getString("type"));
    assertEquals(List.of("ann", "bea", "cat"), names(echo), "the newcomer's list: both servers");
    JsonObject catCame = ann.await("login", "cat");
    assertFalse(catCame.containsKey("users"), "the others hear who, not the whole list");
    assertEquals(3, a.registry.room("lounge").get().size());

    Listener typist = new Listener();
    Room lounge = a.registry.enter(RoomName.parse("lounge"));
    Visitor dan = lounge.visit(typist, "dan-typing");
    dan.login("dan", true, null); // asks for typing notices
    cat.await("login", "dan");
    catOnB.typing();
    typist.await("typing", "cat"); // typed on B, told on A

    catOnB.logout();
    JsonObject catLeft = ann.await("logout", "cat");
    assertEquals("cat", catLeft.getString("from"));
    assertFalse(catLeft.containsKey("users"));
  }

  @Test
  void twoPeopleRacingForOneNameOnTwoServersOneWins() throws Exception {
    Node a = node();
    Node b = node();
    a.listener("race", "referee");
    b.listener("race", "umpire");
    List<List<String>> pairs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pairs.add(List.of("runner" + i, "runner" + i));
    }
    pairs.add(List.of("alice", "\uFF21lice")); // a full-width A: the same name to a reader
    for (List<String> pair : pairs) {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      CompletableFuture<Boolean> onA =
          CompletableFuture.supplyAsync(() -> race(a, pair.get(0), start));
      CompletableFuture<Boolean> onB =
          CompletableFuture.supplyAsync(() -> race(b, pair.get(1), start));
      assertEquals(1, (onA.get() ? 1 : 0) + (onB.get() ? 1 : 0), "winners of " + pair);
    }
  }

  @Test
  void theMembersOfAServerThatDiedLeaveWithinTheTimeout() throws Exception {
    Node a = node();
    Listener observer = a.listener("wake", "observer");
    Node dead = new Node(false); // it never beats: as if killed right after its members came
    nodes.add(dead);
    for (String name : List.of("x", "y", "z")) {
      dead.member("wake", name, new Listener());
    }
    for (String name : List.of("x", "y", "z")) {
      observer.await("login", name);
    }
    long start = System.nanoTime();
    for (String name : List.of("x", "y", "z")) {
      observer.await("logout", name);
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.out.printf("A dead server's members left after %d ms (timeout %d s)%n", millis, 6);
    assertTrue(millis < 6_000 + 2_000, "left after " + millis + " ms");
    Thread.sleep(1_000);
    assertEquals(
        3, observer.frames("logout").size(), "one logout each: " + observer.frames("logout"));
    a.member("wake", "x", new Listener()); // the name is free again
  }

  private static boolean race(
      Node node, String nickname, java.util.concurrent.CyclicBarrier start) {
    try {
      Visitor visitor =
          node.registry
              .enter(RoomName.parse("race"))
              .visit(new Listener(), nickname + System.nanoTime());
      start.await();
      try {
        visitor.login(nickname, false, null);
        return true;
      } catch (org.chatroom.room.RoomException e) {
        assertEquals(org.chatroom.room.Refusal.NICKNAME_TAKEN, e.reason(), e.getMessage());
        return false;
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(JsonObject presence) {
    return presence.getJsonArray("users").getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .collect(Collectors.toList());
  }

  /** Bea listening on server B, and amy on server A to talk to her. */
  private Across amyOnATalksToBeaOnB(String room) throws Exception {
    Node a = node();
    Node b = node();
    Listener onB = b.listener(room, "bea");
    return new Across(a, onB, a.member(room, "amy", new Listener()));
  }

  private record Across(Node a, Listener onB, Visitor amy) {}

  private Node node() throws Exception {
    Node node = new Node(true);
    nodes.add(node);
    return node;
  }

  private static void say(Visitor visitor, String text, int times) {
    for (int i = 0; i < times; i++) {
      try {
        visitor.say(text + " " + i, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** One server: its database, store, rooms and listener, as the application makes them. */
  private static final class Node {

    final ChatDatabase database;
    final JdbcLineStore store;
    final RoomRegistry registry;
    final ClusterListener listener;
    final NodeHeartbeat heartbeat;
    final JdbcMemberDirectory directory;

    Node(boolean beating) {
      Map<String, String> values =
          Map.of(
              ChatSettings.DB_URL, postgres.jdbcUrl(),
              ChatSettings.DB_USER, postgres.user(),
              ChatSettings.DB_PASSWORD, postgres.password(),
              ChatSettings.CLUSTER_NODE_TIMEOUT, "6");
      ChatSettings settings = new ChatSettings(values::get);
      database = new ChatDatabase(settings);
      database.open("chatroom");
      assertTrue(database.shared(), "PostgreSQL is shared by default");
      store = new JdbcLineStore(database, settings);
      store.start();
      directory = new JdbcMemberDirectory(database);
      registry =
          new RoomRegistry(settings, new Frames(), store, new Transcript(settings), directory);
      listener = new ClusterListener(database, registry, new ClusterCommands(database));
      listener.start();
      heartbeat = new NodeHeartbeat(database, directory, registry, settings);
      if (beating) {
        heartbeat.start();
      }
    }

    Visitor member(String room, String nickname, Listener sink) throws Exception {
      Room entered = registry.enter(RoomName.parse(room));
      Visitor visitor = entered.visit(sink, nickname + "-" + System.nanoTime());
      visitor.login(nickname, false, null);
      return visitor;
    }

    Listener listener(String room, String nickname) throws Exception {
      Listener sink = new Listener();
      member(room, nickname, sink);
      return sink;
    }

    void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!condition.getAsBoolean()) {
        assertTrue(System.nanoTime() < deadline, "not within " + PATIENCE);
        Thread.sleep(100);
      }
    }

    void stop() {
      listener.stop();
      heartbeat.stop();
      registry.stop();
      directory.stop();
      store.stop();
      database.close();
    }
  }

  /** A member's sink that keeps what the room flushes to it. */
  private static final class Listener implements MessageSink {

    private final List<String> queued = new ArrayList<>();
    private final List<JsonObject> frames = new ArrayList<>();

    @Override
    public synchronized void enqueue(String frame) {
      queued.add(frame);
    }

    @Override
    public synchronized void flush() {
      for (String text : queued) {
        frames.add(Json.createReader(new StringReader(text)).readObject());
      }
      queued.clear();
      notifyAll();
    }

    synchronized List<JsonObject> lines() {
      return frames.stream()
          .filter(f -> f.getString("type").equals("user") && !f.getBoolean("history", false))
          .collect(Collectors.toList());
    }

    /** The ids of the first {@code count} live lines, waiting for them. */
    synchronized List<Long> awaitLines(int count) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (lines().size() < count) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "got " + lines().size() + " lines of " + count);
        wait(Math.max(1, left / 1_000_000));
      }
      return lines().stream()
          .map(l -> l.getJsonNumber("id").longValue())
          .collect(Collectors.toList());
    }

    synchronized List<JsonObject> frames(String type) {
      return frames.stream()
          .filter(f -> f.getString("type").equals(type))
          .collect(Collectors.toList());
    }

    /** The first frame of that type from that nickname, waiting for it. */
    synchronized JsonObject await(String type, String from) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (true) {
        for (JsonObject frame : frames(type)) {
          if (from.equals(frame.getString("from", null))) {
            return frame;
          }
        }
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "no " + type + " from " + from + " in " + frames);
        wait(Math.max(1, left / 1_000_000));
      }
    }

    /** The first {@code count} frames of any type, waiting for them. */
    synchronized List<JsonObject> awaitFrames(int count) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (frames.size() < count) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "got " + frames.size() + " frames of " + count + ": " + frames);
        wait(Math.max(1, left / 1_000_000));
      }
      return new ArrayList<>(frames.subList(0, count));
    }
  }
}
