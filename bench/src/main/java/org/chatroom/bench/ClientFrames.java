package org.chatroom.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The frames a client sends (RFC 6455 §5.2): final, each masked with a fresh key, as a server
 * requires of every client frame.
 */
final class ClientFrames {

  private static final int TEXT = 0x1;
  private static final int CLOSE = 0x8;
  private static final int PONG = 0xA;

  private ClientFrames() {}

  static ByteBuffer text(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return frame(TEXT, payload, payload.length);
  }

  static ByteBuffer pong(byte[] payload, int length) {
    return frame(PONG, payload, length);
  }

  /** A close with {@code code} and no reason. */
  static ByteBuffer close(int code) {
    return frame(CLOSE, new byte[] {(byte) (code >> 8), (byte) code}, 2);
  }

  private static ByteBuffer frame(int opcode, byte[] payload, int length) {
    int extra = length < 126 ? 0 : length < 65536 ? 2 : 8;
    ByteBuffer frame = ByteBuffer.allocate(2 + extra + 4 + length);
    frame.put((byte) (0x80 | opcode));
    if (extra == 0) {
      frame.put((byte) (0x80 | length));
    } else if (extra == 2) {
      frame.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      frame.put((byte) (0x80 | 127)).putLong(length);
    }
    int key = ThreadLocalRandom.current().nextInt();
    frame.putInt(key);
    for (int i = 0; i < length; i++) {
      frame.put((byte) (payload[i] ^ (key >>> (24 - 8 * (i & 3)))));
    }
    return frame.flip();
  }
}
