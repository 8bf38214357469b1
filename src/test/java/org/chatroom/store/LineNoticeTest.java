package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chatroom.room.Line;
import org.junit.jupiter.api.Test;

class LineNoticeTest {

  @Test
  void linesComeBackAsTheyWereSaidTabsNewlinesAndPipesIncluded() {
    List<Line> lines =
        List.of(
            new Line("hall", 7, "ann", "one|two\tthree\nfour\r", 1_700_000_000_000L),
            new Line("hall", 8, "Bé", "日本語 😀", 1_700_000_000_001L));

    List<String> notices = LineNotice.of("node-a", lines);

    assertEquals(1, notices.size());
    assertTrue(notices.get(0).startsWith("L|8|node-a|hall"), notices.get(0));
    LineNotice.Carried carried = LineNotice.read(afterNode(notices.get(0)));
    assertEquals("hall", carried.room());
    assertEquals(lines, carried.lines());
  }

  @Test
  void manyLinesAreSplitIntoNoticesPostgresAcceptsInOrder() {
    List<Line> lines = new ArrayList<>();
    for (int id = 1; id <= 100; id++) {
      lines.add(new Line("hall", id, "ann", "é".repeat(500), id));
    }

    List<String> notices = LineNotice.of("node-a", lines);

    assertTrue(notices.size() > 1, "100 lines of 1,000 bytes need several notices");
    List<Line> back = new ArrayList<>();
    for (String notice : notices) {
      assertTrue(notice.getBytes(StandardCharsets.UTF_8).length < 8000, "under PostgreSQL's limit");
      LineNotice.Carried carried = LineNotice.read(afterNode(notice));
      long last = Long.parseLong(notice.split("\\|")[1]);
      assertEquals(last, carried.lines().get(carried.lines().size() - 1).id());
      back.addAll(carried.lines());
    }
    assertEquals(lines, back);
  }

  @Test
  void aLineTooLongToCarryIsAnnouncedWithoutItBetweenTheOthers() {
    Line before = new Line("hall", 1, "ann", "hi", 1);
    Line huge = new Line("hall", 2, "ann", "😀".repeat(2000), 2); // 8,000 bytes
    Line after = new Line("hall", 3, "ann", "yo", 3);

    List<String> notices = LineNotice.of("node-a", List.of(before, huge, after));

    assertEquals(3, notices.size());
    assertEquals(List.of(before), LineNotice.read(afterNode(notices.get(0))).lines());
    assertEquals("L|2|node-a|hall", notices.get(1));
    assertEquals(List.of(), LineNotice.read(afterNode(notices.get(1))).lines());
    assertEquals("hall", LineNotice.read(afterNode(notices.get(1))).room());
    assertEquals(List.of(after), LineNotice.read(afterNode(notices.get(2))).lines());
  }

  @Test
  void aNoticeFromAServerThatCarriesNoLinesIsAWakeUp() {
    LineNotice.Carried carried = LineNotice.read("hall");
    assertEquals("hall", carried.room());
    assertEquals(List.of(), carried.lines());
  }

  @Test
  void aNoticeItCannotReadIsAWakeUpForItsRoom() {
    LineNotice.Carried carried = LineNotice.read("hall\u001Enot-a-number\u001F1\u001Fann\u001Fhi");
    assertEquals("hall", carried.room());
    assertEquals(List.of(), carried.lines());
  }

  /** What the listener hands over: the notice after {@code L|<id>|<node>|}. */
  private static String afterNode(String notice) {
    return notice.split("\\|", 4)[3];
  }
}
