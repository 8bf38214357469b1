package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
  void isOffUnlessAFolderIsSet() {
    Transcript off = new Transcript(new ChatSettings(name -> null));
    assertFalse(off.enabled());
    off.record(new Line("lobby", 1, "alice", "hi", 1));
  }

  private static LocalDate day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault());
  }
}
