package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @Test
  void nicknameIsTrimmedAndKeepsItsCaseForDisplay() throws Exception {
    Nickname nickname = Nickname.parse("  Alice Liddell ", 32);
    assertEquals("Alice Liddell", nickname.display());
  }

  @Test
  void nicknamesCompareIgnoringCaseAndWidth() throws Exception {
    assertEquals(Nickname.parse("ALICE", 32), Nickname.parse("alice", 32));
    assertEquals(Nickname.parse("Ａｌｉｃｅ", 32), Nickname.parse("alice", 32));
    assertNotEquals(Nickname.parse("alice", 32), Nickname.parse("alice2", 32));
  }

  @Test
  void nicknameLengthCountsCharactersNotCodeUnits() throws Exception {
    assertEquals("😀😀😀", Nickname.parse("😀😀😀", 3).display());
    assertThrows(RoomException.class, () -> Nickname.parse("😀😀😀😀", 3));
    assertEquals("小明", Nickname.parse("小明", 32).display());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "tab\there",
        "nul\u0000",
        "bell\u0007",
        "rtl\u202Eevil",
        "zero\u200Bwidth",
        "line\u2028sep",
        "\uD800lone"
      })
  void badNicknamesAreRefused(String raw) {
    RoomException e = assertThrows(RoomException.class, () -> Nickname.parse(raw, 32));
    assertEquals(Refusal.NICKNAME_INVALID, e.reason());
  }

  @Test
  void tooLongNicknameIsRefused() {
    assertThrows(RoomException.class, () -> Nickname.parse("a".repeat(33), 32));
  }

  @Test
  void roomNamesAreLowerCased() throws Exception {
    assertEquals("lobby", RoomName.parse("Lobby").value());
    assertEquals("dev-team_2", RoomName.parse("dev-team_2").value());
    assertEquals("茶室", RoomName.parse("茶室").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "slash/", "dot.dot", "<script>", "a\u202Eb"})
  void badRoomNamesAreRefused(String raw) {
    RoomException e = assertThrows(RoomException.class, () -> RoomName.parse(raw));
    assertEquals(Refusal.ROOM_INVALID, e.reason());
  }

  @Test
  void tooLongRoomNameIsRefused() {
    assertThrows(RoomException.class, () -> RoomName.parse("r".repeat(33)));
  }
}
