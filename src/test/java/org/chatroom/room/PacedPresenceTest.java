package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A big room tells a crowd's logins together, once per window, and still in order: each member
 * hears of everyone who came after it exactly once, before anything they say.
 */
class PacedPresenceTest {

  private final Frames frames = new Frames();
  private final ChatSettings settings =
      new ChatSettings(Map.of(ChatSettings.PRESENCE_WINDOW_MS, "400")::get);
  private final FanOut fanOut = new FanOut();
  private final Room room =
      new Room(
          RoomName.parse("crowd"),
          frames,
          new InMemoryLineStore(),
          settings,
          new Transcript(settings),
          fanOut,
          null,
          null);

  PacedPresenceTest() throws RoomException {}

  @AfterEach
  void close() {
    fanOut.stop();
    frames.close();
  }

  @Test
  void aCrowdsLoginsGoOutTogetherAndBeforeTheFirstLineOfOneOfThem() throws Exception {
    List<RecordingSink> old = new ArrayList<>();
    for (int i = 0; i <= Room.PACED_ABOVE; i++) {
      RecordingSink sink = new RecordingSink();
      room.join("old" + i, sink, "c-old" + i);
      old.add(sink);
    }
    RecordingSink first = old.get(0);
    await(() -> logins(first).contains("old" + Room.PACED_ABOVE));
    int before = first.frames().size();

    List<RecordingSink> crowd = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (String name : List.of("ann", "bob", "cat")) {
      RecordingSink sink = new RecordingSink();
      members.add(room.join(name, sink, "c-" + name));
      crowd.add(sink);
    }
    assertEquals(before, first.frames().size(), "within the window the logins wait");
    room.say(members.get(0), "hello");

    await(() -> first.frames().size() == before + 2);
    List<JsonObject> told = first.frames().subList(before, before + 2);
    assertEquals(List.of("ann", "bob", "cat"), names(told.get(0)), "one frame for the three");
    assertEquals("hello", told.get(1).getString("content"), "ann's line after her login");
    await(() -> crowd.get(0).types().contains("user"));
    assertEquals(List.of("bob", "cat"), logins(crowd.get(0)), "ann hears of who came after her");
    assertEquals(List.of("cat"), logins(crowd.get(1)));
    assertEquals(List.of(), logins(crowd.get(2)), "cat's own list named them all");
    assertTrue(names(crowd.get(2).frames().get(0)).isEmpty());

    RecordingSink dan = new RecordingSink();
    room.join("dan", dan, "c-dan"); // within the window of the last frame: told at its end
    assertFalse(logins(first).contains("dan"));
    await(() -> logins(first).contains("dan"));
    JsonObject alone = first.last();
    assertFalse(alone.containsKey("names"), "one arrival: the seed's frame " + alone);
  }

  /** Who the member heard come, in order, its own echo left out. */
  private static List<String> logins(RecordingSink sink) {
    List<String> names = new ArrayList<>();
    List<JsonObject> all = sink.frames();
    for (JsonObject frame : all.subList(Math.min(1, all.size()), all.size())) {
      if ("login".equals(frame.getString("type"))) {
        names.addAll(frame.containsKey("names") ? names(frame) : List.of(frame.getString("from")));
      }
    }
    return names;
  }

  private static List<String> names(JsonObject frame) {
    if (!frame.containsKey("names")) {
      return List.of();
    }
    return frame.getJsonArray("names").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .collect(Collectors.toList());
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.get()) {
      assertTrue(System.nanoTime() < deadline, "not within 5 s");
      Thread.sleep(10);
    }
  }
}
