package org.chatroom.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  /** What the reader reported, one string per event. */
  private final List<String> events = new ArrayList<>();

  private final FrameReader reader =
      new FrameReader(
          new FrameReader.Sink() {
            @Override
            public void onText(byte[] head, int length) {
              events.add("text " + new String(head, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public boolean wantsWhole(byte[] head) {
              return ChatClient.tellsOfSeveral(head, head.length);
            }

            @Override
            public void onPing(byte[] payload, int length) {
              events.add("ping " + new String(payload, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void onClose(int code, String reason) {
              events.add("close " + code + " " + reason);
            }
          });

  @Test
  void aShortTextMessageArrivesWhole() throws IOException {
    reader.feed(ByteBuffer.wrap(frame(true, 0x1, "{\"type\":\"user\"}")));

    assertEquals(List.of("text {\"type\":\"user\"}"), events);
  }

  @Test
  void aLongMessageKeepsItsHeadOverContinuationsAndSplitReads() throws IOException {
    String start = "{\"type\":\"login\",\"from\":\"amy\",\"users\":[";
    String list = "\"someone\",".repeat(3000); // past 16-bit lengths, as a 10,000 echo is
    byte[] message = (start + list + "\"zed\"]}").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    // As Tomcat sends it: 8 KiB frames, the rest continuing the first, a ping between two.
    for (int from = 0; from < message.length; from += 8192) {
      int to = Math.min(message.length, from + 8192);
      wire.write(frame(to == message.length, from == 0 ? 0x1 : 0x0, slice(message, from, to)));
      if (from == 8192) {
        wire.write(frame(true, 0x9, "beat".getBytes(StandardCharsets.UTF_8)));
      }
    }
    wire.write(frame(true, 0x1, "next"));

    feedInPieces(wire.toByteArray(), 7);

    String head = new String(message, 0, FrameReader.HEAD, StandardCharsets.UTF_8);
    assertEquals(List.of("ping beat", "text " + head, "text next"), events);
  }

  @Test
  void aLoginNamingSeveralIsKeptWholeAndEachNameCounts() throws IOException {
    StringBuilder names = new StringBuilder("\"b0\"");
    for (int i = 1; i < 1000; i++) {
      names.append(",\"b").append(i).append('"');
    }
    String group =
        "{\"type\":\"login\",\"from\":\"b0\",\"names\":["
            + names
            + "],\"content\":\"b0 and 999 others joined\",\"room\":\"broadcast\",\"time\":1}";
    byte[] message = group.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int from = 0; from < message.length; from += 8192) {
      int to = Math.min(message.length, from + 8192);
      wire.write(frame(to == message.length, from == 0 ? 0x1 : 0x0, slice(message, from, to)));
    }
    String echo = "{\"type\":\"login\",\"from\":\"b1\",\"users\":[" + names + "]}";
    wire.write(frame(true, 0x1, echo));

    feedInPieces(wire.toByteArray(), 5);

    assertEquals(List.of("text " + group, "text " + echo.substring(0, FrameReader.HEAD)), events);
    assertEquals(1000, ChatClient.namesIn(message, 0, message.length));
    byte[] one = "{\"type\":\"login\",\"from\":\"b7\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, ChatClient.namesIn(one, 0, one.length));
  }

  @Test
  void aLengthOf64BitsIsRead() throws IOException {
    byte[] payload = new byte[70_000];
    Arrays.fill(payload, (byte) 'x');

    feedInPieces(frame(true, 0x1, payload), 4096);

    assertEquals(1, events.size());
    assertEquals("text " + "x".repeat(FrameReader.HEAD), events.get(0));
  }

  @Test
  void aCloseGivesItsCodeAndReason() throws IOException {
    byte[] reason = "going away".getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(2 + reason.length).putShort((short) 1001).put(reason);

    reader.feed(ByteBuffer.wrap(frame(true, 0x8, payload.array())));

    assertEquals(List.of("close 1001 going away"), events);
  }

  @Test
  void aCloseWithoutACodeSaysSo() throws IOException {
    reader.feed(ByteBuffer.wrap(frame(true, 0x8, new byte[0])));

    assertEquals(List.of("close 1005 "), events);
  }

  @Test
  void aMaskedServerFrameIsRefused() {
    byte[] masked = {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'a'};

    assertThrows(IOException.class, () -> reader.feed(ByteBuffer.wrap(masked)));
  }

  @Test
  void aClientFrameUnmasksToItsText() {
    ByteBuffer frame = ClientFrames.text("hello");
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);

    assertEquals((byte) 0x81, bytes[0]);
    assertEquals((byte) (0x80 | 5), bytes[1]);
    byte[] text = new byte[5];
    for (int i = 0; i < 5; i++) {
      text[i] = (byte) (bytes[6 + i] ^ bytes[2 + (i & 3)]);
    }
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), text);
  }

  private void feedInPieces(byte[] wire, int piece) throws IOException {
    for (int from = 0; from < wire.length; from += piece) {
      reader.feed(ByteBuffer.wrap(wire, from, Math.min(piece, wire.length - from)));
    }
  }

  private static byte[] frame(boolean fin, int opcode, String text) {
    return frame(fin, opcode, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A server's frame: unmasked. */
  private static byte[] frame(boolean fin, int opcode, byte[] payload) {
    int length = payload.length;
    ByteBuffer frame = ByteBuffer.allocate(10 + length);
    frame.put((byte) ((fin ? 0x80 : 0) | opcode));
    if (length < 126) {
      frame.put((byte) length);
    } else if (length < 65536) {
      frame.put((byte) 126).putShort((short) length);
    } else {
      frame.put((byte) 127).putLong(length);
    }
    frame.put(payload);
    return Arrays.copyOf(frame.array(), frame.position());
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }
}
