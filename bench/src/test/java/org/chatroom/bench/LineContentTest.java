package org.chatroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineContentTest {

  private static final String LINE =
      "{\"type\":\"user\",\"from\":\"r12\",\"content\":\"123456789012 7 12 the quick brown fox\","
          + "\"room\":\"room1\",\"time\":1732808400000,\"id\":7";

  @Test
  void bytesReadAsTheTextDoes() {
    LineContent expected = new LineContent(123456789012L, 7, 12);

    assertEquals(expected, LineContent.parse(LINE + "}"));
    assertEquals(expected, parse(LINE + "}"));
  }

  @Test
  void aSentLineReadsBack() {
    LineContent line = new LineContent(99, 3, 4);
    String frame =
        ChatDialect.INSTANCE
            .frame("user", line.content())
            .replace("\"user\",", "\"user\",\"from\":\"b4\",");

    assertEquals(line, parse(frame));
  }

  @Test
  void historyAndOtherFramesAreNoLines() {
    assertNull(parse(LINE + ",\"history\":true}"));
    assertNull(parse("{\"type\":\"login\",\"from\":\"r12\",\"content\":\"1 2 3 joined\"}"));
    assertNull(parse("{\"type\":\"user\",\"from\":\"r12\",\"content\":\"hello there you\"}"));
    assertNull(parse("{\"type\":\"user\",\"from\":\"r12\",\"content\":\"12 7"));
  }

  @Test
  void bytesAreReadFromWhereTheObjectStarts() {
    byte[] bytes = ("42[\"user\"," + LINE + "}]").getBytes(StandardCharsets.UTF_8);

    assertEquals(new LineContent(123456789012L, 7, 12), LineContent.parse(bytes, 10, bytes.length));
    assertNull(LineContent.parse(bytes, 0, bytes.length));
  }

  private static LineContent parse(String frame) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    return LineContent.parse(bytes, 0, bytes.length);
  }
}
