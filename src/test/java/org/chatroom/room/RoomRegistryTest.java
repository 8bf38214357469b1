package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

  private final Frames frames = new Frames();
  private final ChatSettings settings = new ChatSettings(name -> null);
  private final RoomRegistry registry =
      new RoomRegistry(settings, frames, new InMemoryLineStore(), new Transcript(settings));

  @AfterEach
  void close() {
    frames.close();
  }

  @Test
  void connectionsToTheSameNameShareOneRoom() throws Exception {
    Room first = registry.enter(RoomName.parse("lobby"));
    Room second = registry.enter(RoomName.parse("LOBBY"));
    assertSame(first, second);
    assertEquals(1, registry.rooms().size());
  }

  @Test
  void activeRoomsAreTheOnesWithPeopleBusiestFirst() throws Exception {
    Room quiet = registry.enter(RoomName.parse("quiet"));
    Room busy = registry.enter(RoomName.parse("busy"));
    registry.enter(RoomName.parse("empty"));
    quiet.join("a", new RecordingSink(), "1");
    busy.join("b", new RecordingSink(), "2");
    busy.join("c", new RecordingSink(), "3");
    assertEquals(
        List.of(new RoomSummary("busy", 2), new RoomSummary("quiet", 1)), registry.activeRooms(10));
    assertEquals(List.of(new RoomSummary("busy", 2)), registry.activeRooms(1));
    // Only the rooms named, once each however they are written, and only with people in them.
    assertEquals(
        List.of(new RoomSummary("quiet", 1)),
        registry.activeRooms(List.of("quiet", "QUIET", "empty", "nowhere"), 10));
  }

  @Test
  void roomIsDroppedWhenItsLastConnectionCloses() throws Exception {
    Room room = registry.enter(RoomName.parse("lobby"));
    registry.enter(RoomName.parse("lobby"));
    room.join("alice", new RecordingSink(), "1");

    registry.exit(room);
    assertEquals(List.of(room), registry.rooms());
    registry.exit(room);
    assertEquals(List.of(), registry.rooms());

    Room fresh = registry.enter(RoomName.parse("lobby"));
    assertNotSame(room, fresh);
    assertEquals(List.of(), fresh.users());
  }
}
