package org.chatroom.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chatroom.room.Line;

/**
 * What a server tells the others sharing the database when it stored a room's lines: {@code L|<last
 * id>|<node>|<room>}, then the lines themselves, as many as fit in one PostgreSQL notification. The
 * others deliver the lines from it, without reading them back; a notice that holds no lines (a line
 * too long to fit) is a wake-up, after which they read the store. Either way the store stays the
 * truth: a lost notice costs a read, never a line.
 *
 * <p>Fields are parted by the ASCII record and unit separators, control characters that no room
 * name, nickname or chat line may hold (see {@code room.Names}).
 */
public final class LineNotice {

  /** PostgreSQL refuses payloads of 8,000 bytes or more; some room is left for the header. */
  static final int MAX_BYTES = 7_900;

  private static final char LINE = '\u001E';
  private static final char FIELD = '\u001F';

  private LineNotice() {}

  /**
   * The notices for one room's new lines, in id order: each holds the lines that fit, a line that
   * fits in none is announced by a notice of its own without it.
   */
  static List<String> of(String nodeId, List<Line> lines) {
    List<String> notices = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int bodyBytes = 0;
    long last = -1;
    String room = lines.isEmpty() ? "" : lines.get(0).room();
    int headerBytes = utf8Length(header(Long.MAX_VALUE, nodeId, room));
    for (Line line : lines) {
      String entry = entry(line);
      int entryBytes = entry == null ? Integer.MAX_VALUE : utf8Length(entry);
      if (body.length() > 0 && headerBytes + bodyBytes + (long) entryBytes > MAX_BYTES) {
        notices.add(header(last, nodeId, room) + body);
        body.setLength(0);
        bodyBytes = 0;
      }
      last = line.id();
      if (headerBytes + (long) entryBytes > MAX_BYTES) {
        notices.add(header(last, nodeId, room)); // too long to carry: the others read it
      } else {
        body.append(entry);
        bodyBytes += entryBytes;
      }
    }
    if (body.length() > 0) {
      notices.add(header(last, nodeId, room) + body);
    }
    return notices;
  }

  /**
   * Splits what follows {@code L|<last id>|<node>|} into the room's name and its lines.
   *
   * @return the room and the lines carried: none for a wake-up, and none for lines it cannot read
   *     (the store has them)
   */
  public static Carried read(String roomAndLines) {
    int start = roomAndLines.indexOf(LINE);
    if (start < 0) {
      return new Carried(roomAndLines, List.of());
    }
    String room = roomAndLines.substring(0, start);
    List<Line> lines = new ArrayList<>();
    while (start >= 0) {
      int end = roomAndLines.indexOf(LINE, start + 1);
      String entry = roomAndLines.substring(start + 1, end < 0 ? roomAndLines.length() : end);
      String[] fields = entry.split(String.valueOf(FIELD), 4);
      if (fields.length != 4) {
        return new Carried(room, List.of());
      }
      try {
        lines.add(
            new Line(
                room, Long.parseLong(fields[0]), fields[2], fields[3], Long.parseLong(fields[1])));
      } catch (NumberFormatException e) {
        return new Carried(room, List.of());
      }
      start = end;
    }
    return new Carried(room, lines);
  }

  /** A room's name and the lines a notice carried for it. */
  public record Carried(String room, List<Line> lines) {}

  private static String header(long lastId, String nodeId, String room) {
    return "L|" + lastId + "|" + nodeId + "|" + room;
  }

  /** The line as carried, or null if it holds a separator (the store holds what was said). */
  private static String entry(Line line) {
    if (hasSeparator(line.nickname()) || hasSeparator(line.text())) {
      return null;
    }
    return LINE
        + Long.toString(line.id())
        + FIELD
        + line.time()
        + FIELD
        + line.nickname()
        + FIELD
        + line.text();
  }

  private static boolean hasSeparator(String text) {
    return text.indexOf(LINE) >= 0 || text.indexOf(FIELD) >= 0;
  }

  private static int utf8Length(String text) {
    int ascii = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
      ascii++;
    }
    return ascii;
  }
}
