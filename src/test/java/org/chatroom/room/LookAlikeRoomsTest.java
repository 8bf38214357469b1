package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A room name that would be read as the name of a room open right now is refused. */
class LookAlikeRoomsTest {

  private final Frames frames = new Frames();
  private final ChatSettings settings = new ChatSettings(name -> null);
  private final RoomRegistry registry =
      new RoomRegistry(settings, frames, new InMemoryLineStore(), new Transcript(settings));

  @AfterEach
  void close() {
    frames.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"c1ass", "cIass", "CIASS", "\uFF43lass"})
  void aNameDrawnLikeAnOpenRoomIsRefused(String lookAlike) throws Exception {
    registry.enter(RoomName.parse("class"));
    RoomException e =
        assertThrows(
            RoomException.class, () -> registry.refuseLookAlike(RoomName.parse(lookAlike)));
    assertEquals(Refusal.ROOM_INVALID, e.reason());
    assertTrue(e.getMessage().startsWith("This room name looks like #class;"), e.getMessage());
  }

  @Test
  void theOpenRoomItselfAndOtherNamesAreLetIn() throws Exception {
    registry.enter(RoomName.parse("class"));
    assertDoesNotThrow(() -> registry.refuseLookAlike(RoomName.parse("CLASS")));
    assertDoesNotThrow(() -> registry.refuseLookAlike(RoomName.parse("ciass")));
    assertDoesNotThrow(() -> registry.refuseLookAlike(RoomName.parse("classes")));
  }

  @Test
  void aLookAlikeIsLetInOnceTheRoomItImitatedIsClosed() throws Exception {
    Room room = registry.enter(RoomName.parse("class"));
    assertThrows(RoomException.class, () -> registry.refuseLookAlike(RoomName.parse("c1ass")));
    registry.exit(room);
    assertDoesNotThrow(() -> registry.refuseLookAlike(RoomName.parse("c1ass")));
  }

  @Test
  void anOpenLookAlikeStaysOpenToItsPeople() throws Exception {
    registry.enter(RoomName.parse("c1ass"));
    registry.enter(RoomName.parse("class"));
    assertDoesNotThrow(() -> registry.refuseLookAlike(RoomName.parse("c1ass")));
  }
}
