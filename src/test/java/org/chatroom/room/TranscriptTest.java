package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

  @TempDir Path folder;

  @Test
  void writesOneFileADayWithTimeRoomNicknameAndText() throws Exception {
    Transcript transcript =
        new Transcript(
            new ChatSettings(Map.of(ChatSettings.TRANSCRIPT_PATH, folder.toString())::get));
    long today = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    long tomorrow = today + 24 * 3600 * 1000L;
    transcript.record(new Line("lobby", 1, "alice", "hi\nthere", today));
    transcript.record(new Line("lobby", 2, "bob", "你好", tomorrow));
    transcript.close();

    Path first = folder.resolve("chatroom-transcript-" + day(today) + ".log");
    Path second = folder.resolve("chatroom-transcript-" + day(tomorrow) + ".log");
    assertEquals(
        List.of("2026-11-28T10:00:00Z\tlobby\talice\thi\\nthere"),
        Files.readAllLines(first, StandardCharsets.UTF_8));
    assertEquals(
        List.of("2026-11-29T10:00:00Z\tlobby\tbob\t你好"),
        Files.readAllLines(second, StandardCharsets.UTF_8));
  }

  @Test
  void noCharacterInAFieldMakesASecondRecord() throws Exception {
    Transcript transcript = transcript();
    long time = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    List<String> forgeries =
        List.of(
            "a\r2026-11-28T10:00:01Z\tlobby\tbob\tforged",
            "a\u20282026-11-28T10:00:01Z\tlobby\tbob\tforged",
            "a\u20292026-11-28T10:00:01Z\tlobby\tbob\tforged",
            "a\u00852026-11-28T10:00:01Z\tlobby\tbob\tforged",
            "a\r\n2026-11-28T10:00:01Z\tlobby\tbob\tforged",
            "a\u000B\u000C\u001C\u001D\u001E\u007F b",
            "\u001B[2K\u001B[1Gcolours and a cleared terminal line",
            "\u202Eevil\u2066 \u200F\u061C",
            "tab\tin the text");
    forgeries.forEach(text -> transcript.record(new Line("lobby", 1, "alice", text, time)));
    transcript.record(new Line("lob\nby", 2, "mal\rlory\u2028\t", "hi", time));
    transcript.close();

    String file = Files.readString(folder.resolve("chatroom-transcript-" + day(time) + ".log"));
    assertTrue(file.endsWith("\n"));
    String[] records = file.substring(0, file.length() - 1).split("\n", -1);
    assertEquals(forgeries.size() + 1, records.length, "one record a line");
    for (String record : records) {
      assertEquals(4, record.split("\t", -1).length, () -> "four fields: " + record);
      assertTrue(
          record.codePoints().allMatch(c -> c == '\t' || !hiddenOrBreaking(c)),
          () -> "no control or line break left in " + record);
    }
    assertEquals(
        "2026-11-28T10:00:00Z\tlobby\talice\ta\\r2026-11-28T10:00:01Z\\tlobby\\tbob\\tforged",
        records[0]);
    assertTrue(records[1].endsWith("\ta\\u{2028}2026-11-28T10:00:01Z\\tlobby\\tbob\\tforged"));
    assertEquals("2026-11-28T10:00:00Z\tlob\\nby\tmal\\rlory\\u{2028}\\t\thi", records[9]);
  }

  @Test
  void theEscapingReverses() {
    List<String> fields =
        List.of(
            "plain 你好 \uD83D\uDC4D\uD83C\uDFFD",
            "\\n is not a line break, \\u{41} is no A, \\\\ two backslashes",
            "\r\n\t\u0000\u0085\u2028\u2029\u001B\u009F\u202E\u2069",
            "lone \uD83D and \uDC4D halves",
            "\\",
            "");
    for (String field : fields) {
      String escaped = Transcript.escape(field);
      assertTrue(escaped.codePoints().noneMatch(TranscriptTest::hiddenOrBreaking), escaped);
      assertEquals(field, unescape(escaped));
    }
    assertEquals("\\u{001B}[0m", Transcript.escape("\u001B[0m"));
    assertEquals("a\\\\n", Transcript.escape("a\\n"));
  }

  @Test
  void isOffUnlessAFolderIsSet() {
    Transcript off = new Transcript(new ChatSettings(name -> null));
    assertFalse(off.enabled());
    off.record(new Line("lobby", 1, "alice", "hi", 1));
  }

  private Transcript transcript() {
    return new Transcript(
        new ChatSettings(Map.of(ChatSettings.TRANSCRIPT_PATH, folder.toString())::get));
  }

  /** What the transcript must never hold inside a field; tabs and line feeds only between them. */
  private static boolean hiddenOrBreaking(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /** A reader of the escaping the class comment describes, written from that comment alone. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = field.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          int close = field.indexOf('}', i);
          assertEquals('{', field.charAt(i + 1));
          out.appendCodePoint(Integer.parseInt(field.substring(i + 2, close), 16));
          i = close;
        }
        default -> throw new AssertionError("\\" + next + " is no escape");
      }
    }
    return out.toString();
  }

  private static LocalDate day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault());
  }
}
