package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomTest {

  private final Frames frames = new Frames();
  private final ChatSettings settings =
      new ChatSettings(
          Map.of(ChatSettings.HISTORY_SIZE, "3", ChatSettings.MAX_MESSAGE_LENGTH, "10")::get);
  private final Room room =
      new Room(
          roomName("lobby"),
          frames,
          new InMemoryLineStore(),
          settings,
          new Transcript(settings),
          Runnable::run);

  @AfterEach
  void close() {
    frames.close();
  }

  @Test
  void joinTellsTheOthersWhoAndTheNewcomerTheWholeList() throws Exception {
    RecordingSink alice = new RecordingSink();
    RecordingSink bob = new RecordingSink();
    room.join("alice", alice, "1");
    room.join("bob", bob, "2");

    JsonObject seenByAlice = alice.last();
    assertEquals("login", seenByAlice.getString("type"));
    assertEquals("bob", seenByAlice.getString("from"));
    assertFalse(seenByAlice.containsKey("users"));
    assertEquals(List.of("login"), bob.types());
    assertEquals(List.of("alice", "bob"), users(bob.last()));
    assertEquals(List.of("alice", "bob"), room.users());
  }

  @Test
  void nicknamesAreUniqueIgnoringCaseAndLookAlikes() throws Exception {
    room.join("Alice", new RecordingSink(), "1");
    for (String taken : List.of("alice", " ALICE ", "Ａｌｉｃｅ")) {
      RoomException e =
          assertThrows(RoomException.class, () -> room.join(taken, new RecordingSink(), "2"));
      assertEquals(Refusal.NICKNAME_TAKEN, e.reason(), taken);
    }
    room.join("Alice2", new RecordingSink(), "2");
    assertEquals(List.of("Alice", "Alice2"), room.users());
  }

  @Test
  void linesGoToEveryoneWithServerSetAuthorTimeAndRisingIds() throws Exception {
    RecordingSink alice = new RecordingSink();
    RecordingSink bob = new RecordingSink();
    Member a = room.join("alice", alice, "1");
    room.join("bob", bob, "2");
    alice.clear();
    bob.clear();

    room.say(a, "one");
    room.say(a, "two");

    assertEquals(alice.frames(), bob.frames());
    JsonObject one = bob.frames().get(0);
    JsonObject two = bob.frames().get(1);
    assertEquals("alice", one.getString("from"));
    assertEquals("one", one.getString("content"));
    assertTrue(one.getJsonNumber("time").longValue() > 0);
    assertEquals(one.getJsonNumber("id").longValue() + 1, two.getJsonNumber("id").longValue());
  }

  @Test
  void emptyAndOverlongLinesAreRefused() throws Exception {
    Member a = room.join("alice", new RecordingSink(), "1");
    assertEquals(
        Refusal.EMPTY_MESSAGE,
        assertThrows(RoomException.class, () -> room.say(a, " \n ")).reason());
    assertEquals(
        Refusal.EMPTY_MESSAGE, assertThrows(RoomException.class, () -> room.say(a, null)).reason());
    assertEquals(
        Refusal.MESSAGE_TOO_LONG,
        assertThrows(RoomException.class, () -> room.say(a, "12345678901")).reason());
    room.say(a, "1234567890");
  }

  @Test
  void linesWithControlOrOverrideCharactersAreRefusedButEmojiAndNewLinesPass() throws Exception {
    Member a = room.join("alice", new RecordingSink(), "1");
    for (String bad : List.of("a\u0000b", "\u0007", "x\u202Ey", "\u2066x", "\ud800", "\u009b")) {
      assertEquals(
          Refusal.INVALID_CHARACTER,
          assertThrows(RoomException.class, () -> room.say(a, bad)).reason(),
          bad);
    }
    room.say(a, "two\nlines");
    room.say(a, "\ud83d\udc68\u200d\ud83d\udc69");
  }

  @Test
  void newcomerGetsTheLastLinesMarkedAsHistoryBeforeItsLogin() throws Exception {
    Member a = room.join("alice", new RecordingSink(), "1");
    for (String text : List.of("l1", "l2", "l3", "l4")) {
      room.say(a, text);
    }
    RecordingSink carol = new RecordingSink();
    room.join("carol", carol, "2");

    List<JsonObject> got = carol.frames();
    assertEquals(List.of("user", "user", "user", "login"), carol.types());
    assertEquals(
        List.of("l2", "l3", "l4"),
        got.subList(0, 3).stream().map(f -> f.getString("content")).collect(Collectors.toList()));
    assertTrue(got.get(0).getBoolean("history"));
  }

  @Test
  void leavingIsAnnouncedOnceAndStopsDelivery() throws Exception {
    RecordingSink alice = new RecordingSink();
    RecordingSink bob = new RecordingSink();
    room.join("alice", alice, "1");
    Member b = room.join("bob", bob, "2");
    alice.clear();
    bob.clear();

    assertTrue(room.leave(b));
    assertFalse(room.leave(b));

    assertEquals(List.of("logout"), alice.types());
    assertFalse(alice.last().containsKey("users"));
    assertEquals(List.of(), bob.types());
    assertEquals(
        Refusal.NOT_LOGGED_IN, assertThrows(RoomException.class, () -> room.say(b, "hi")).reason());
  }

  @Test
  void typingGoesOnlyToOthersWhoAskedAndIsNotKept() throws Exception {
    RecordingSink alice = new RecordingSink();
    RecordingSink bob = new RecordingSink();
    RecordingSink seed = new RecordingSink();
    room.join("alice", alice, "1", true, null);
    Member b = room.join("bob", bob, "2", true, null);
    room.join("seed", seed, "3");
    alice.clear();
    bob.clear();
    seed.clear();

    room.typing(b);

    assertEquals(List.of("typing"), alice.types());
    assertEquals("bob", alice.last().getString("from"));
    assertEquals(List.of(), bob.types());
    assertEquals(List.of(), seed.types());
    RecordingSink late = new RecordingSink();
    room.join("late", late, "4");
    assertEquals(List.of("login"), late.types());
  }

  @Test
  void everyMemberSeesConcurrentLinesInTheSameOrder() throws Exception {
    int speakers = 4;
    int linesEach = 200;
    List<RecordingSink> sinks = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    Room big =
        new Room(
            roomName("big"),
            frames,
            new InMemoryLineStore(),
            settings,
            new Transcript(settings),
            Runnable::run);
    for (int i = 0; i < speakers; i++) {
      RecordingSink sink = new RecordingSink();
      sinks.add(sink);
      members.add(big.join("user" + i, sink, String.valueOf(i)));
    }
    sinks.forEach(RecordingSink::clear);

    ExecutorService pool = Executors.newFixedThreadPool(speakers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (Member member : members) {
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int n = 0; n < linesEach; n++) {
                  big.say(member, member.nickname() + ":" + n);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<String> reference = contents(sinks.get(0));
    assertEquals(speakers * linesEach, reference.size());
    for (RecordingSink sink : sinks) {
      assertEquals(reference, contents(sink));
    }
  }

  private static List<String> contents(RecordingSink sink) {
    return sink.frames().stream().map(f -> f.getString("content")).collect(Collectors.toList());
  }

  private static List<String> users(JsonObject frame) {
    return frame.getJsonArray("users").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .collect(Collectors.toList());
  }

  private static RoomName roomName(String name) {
    try {
      return RoomName.parse(name);
    } catch (RoomException e) {
      throw new AssertionError(e);
    }
  }
}
