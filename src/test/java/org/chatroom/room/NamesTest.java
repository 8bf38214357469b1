package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        "\uD800lone",
        "alice\uFE0F", // variation selector after a letter
        "alice\u00A0", // no-break space, which strip() keeps
        "ali\u3000ce", // ideographic space inside the name
        "ali\u2007ce", // figure space
        "al\u034Fice", // combining grapheme joiner
        "\u3164alice", // Hangul filler, a letter drawn as nothing
        "alice\uFFA0", // halfwidth Hangul filler
        "alice\u2800", // braille blank
        "al\u00ADice", // soft hyphen
        "alice\uDB40\uDC61", // tag letter a
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // family: joined by ZWJ
        "1\uFE0F", // variation selector after a digit
        "\u2764\uFE0F\uFE0F", // two in a row
        "\uE000private"
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
  void emojiNicknamesStayAllowedWithTheirPresentationSelector() throws Exception {
    assertEquals("\u2764\uFE0F", Nickname.parse("\u2764\uFE0F", 32).display());
    assertEquals(Nickname.parse("\u2764", 32), Nickname.parse("\u2764\uFE0F", 32));
    assertEquals(
        "\uD83D\uDC4D\uD83C\uDFFD", Nickname.parse("\uD83D\uDC4D\uD83C\uDFFD", 32).display());
  }

  @Test
  void nicknameIsMeasuredBeforeItIsTrimmedOrNormalised() throws Exception {
    // U+FDFA becomes 18 characters under NFKC: a long run of it is refused unread.
    RoomException e =
        assertThrows(RoomException.class, () -> Nickname.parse("\uFDFA".repeat(10_000), 32));
    assertEquals("A nickname has at most 32 characters.", e.getMessage());
    assertThrows(RoomException.class, () -> Nickname.parse(" ".repeat(70) + "bob", 32));
    assertEquals("bob", Nickname.parse("  bob  ", 32).display());
    assertEquals("\uFDFA", Nickname.parse("\uFDFA", 32).display());
  }

  @Test
  void aClaimedAuthorTooLongToBeANicknameIsNotReadFurther() throws Exception {
    Nickname alice = Nickname.parse("alice", 32);
    assertTrue(alice.isSameAs(" ALICE "));
    assertTrue(alice.isSameAs("\u0430lice"));
    assertFalse(alice.isSameAs("alice" + " ".repeat(70)));
    assertFalse(alice.isSameAs("\uFDFA".repeat(10_000)));
    assertFalse(alice.isSameAs("alice\u200B"));
    assertFalse(alice.isSameAs(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u0430lice", "\u0430\u04CF\u0456\u0441\u0435", "ALICE", "a1ice", "alIce"})
  void lookAlikesOfANicknameAreTheSameNickname(String lookAlike) throws Exception {
    assertEquals(Nickname.parse("alice", 32), Nickname.parse(lookAlike, 32));
  }

  @Test
  void differentNamesStayDifferent() throws Exception {
    assertNotEquals(Nickname.parse("alice", 32), Nickname.parse("alicia", 32));
    assertNotEquals(
        Nickname.parse("\u0430\u043B\u0438\u0441\u0430", 32), Nickname.parse("alice", 32));
    assertNotEquals(Nickname.parse("\u5C0F\u660E", 32), Nickname.parse("\u5C0F\u7EA2", 32));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "system",
        "SYSTEM",
        "System",
        " system ",
        "\u0455ystem",
        "\uFF53\uFF59\uFF53\uFF54\uFF45\uFF4D",
        "sy\u0455tem"
      })
  void systemIsReservedInAnyDisguise(String raw) {
    RoomException e = assertThrows(RoomException.class, () -> Nickname.parse(raw, 32));
    assertEquals(Refusal.NICKNAME_INVALID, e.reason());
    assertTrue(e.getMessage().contains("reserved"), e.getMessage());
  }

  @Test
  void namesThatMerelyContainSystemAreFine() throws Exception {
    assertEquals("systems", Nickname.parse("systems", 32).display());
    assertEquals("sysadmin", Nickname.parse("sysadmin", 32).display());
  }

  @Test
  void roomNamesAreLowerCased() throws Exception {
    assertEquals("lobby", RoomName.parse("Lobby").value());
    assertEquals("dev-team_2", RoomName.parse("dev-team_2").value());
    assertEquals("茶室", RoomName.parse("茶室").value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c1ass",
        "\u0447\u0430\u0442", // чат, all Cyrillic
        "\u03B5\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC", // all Greek
        "dev-\u8336\u5BA4", // Latin with Han
        "room-\u3053\u3093\u306B\u3061\u306F", // Latin with Hiragana
        "chat-\u0639\u0631\u0628\u064A", // Latin with Arabic
        "abc\uFF11\uFF12" // fullwidth digits alone
      })
  void roomNamesInOneScriptOrWithANonConfusableOneKeepTheirName(String raw) throws Exception {
    assertEquals(raw, RoomName.parse(raw).value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "with space",
        "slash/",
        "dot.dot",
        "<script>",
        "a\u202Eb",
        "l\u043Ebby", // Latin with a Cyrillic o
        "chat-\u03B5\u03BB", // Latin with Greek
        "\u0447\u03B1\u0442", // Cyrillic with Greek
        "\u3164lobby", // Hangul filler, a letter drawn as nothing
        "lobby\uFFA0",
        "room1\u0661" // two kinds of digits
      })
  void badRoomNamesAreRefused(String raw) {
    RoomException e = assertThrows(RoomException.class, () -> RoomName.parse(raw));
    assertEquals(Refusal.ROOM_INVALID, e.reason());
  }

  @Test
  void tooLongRoomNameIsRefused() {
    assertThrows(RoomException.class, () -> RoomName.parse("r".repeat(33)));
  }

  @Test
  void roomNameIsMeasuredBeforeItIsTrimmedOrLowerCased() throws Exception {
    assertEquals("lobby", RoomName.parse(" Lobby ").value());
    RoomException e =
        assertThrows(RoomException.class, () -> RoomName.parse(" ".repeat(70) + "lobby"));
    assertEquals(Refusal.ROOM_INVALID, e.reason());
  }
}
