package org.chatroom.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the frames a server sends (RFC 6455, unmasked) out of whatever pieces the socket hands
 * over, keeping only the first {@link #HEAD} bytes of each text message and stepping over the rest
 * unread: the generator never needs a {@code login} echo's user list, and copying or decoding it is
 * what made the JDK client cost more than the server. Continuation frames add to the message they
 * continue (Tomcat splits messages longer than its 8 KiB buffer); a control frame may come between
 * them and is kept whole (at most 125 bytes). A message whose head says it is worth more (a {@code
 * login} naming several arrivals, whose names are all counted) is kept whole instead.
 */
final class FrameReader {

  /** Enough for a generator's whole {@code user} frame, its {@code history} flag included. */
  static final int HEAD = 256;

  private static final int CONTINUATION = 0x0;
  private static final int TEXT = 0x1;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  /** What the frames say, called on the reading thread in the order they came. */
  interface Sink {
    /** A whole text message, of which {@code head[0, length)} is the start. */
    void onText(byte[] head, int length);

    /**
     * Whether a text message whose first {@link #HEAD} bytes are these is wanted whole; asked once
     * per message that fills its head.
     */
    default boolean wantsWhole(byte[] head) {
      return false;
    }

    void onPing(byte[] payload, int length);

    /**
     * @param code the close code, or 1005 when the frame had none
     */
    void onClose(int code, String reason);
  }

  private final Sink sink;
  private final byte[] head = new byte[HEAD];
  private final byte[] control = new byte[125];
  private final byte[] header = new byte[10];
  private int headerHave;
  private int headLength;

  /** The message being kept whole, when its head asked for it; grows as needed, reused. */
  private byte[] whole = new byte[0];

  private int wholeLength;
  private boolean keepingWhole;
  private int controlLength;

  /** The opcode of the frame being read (never CONTINUATION: that reads as the message's own). */
  private int opcode;

  private boolean fin;
  private boolean inPayload;
  private long payloadLeft;

  /** The opcode of a message whose last frame has not come yet, or -1. */
  private int messageOpcode = -1;

  FrameReader(Sink sink) {
    this.sink = sink;
  }

  /** Consumes every byte remaining in {@code bytes}. */
  void feed(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      if (!inPayload) {
        if (!readHeader(bytes)) {
          return;
        }
        if (payloadLeft == 0) {
          frameDone();
        }
        continue;
      }
      int take = (int) Math.min(payloadLeft, bytes.remaining());
      if (opcode >= CLOSE) {
        bytes.get(control, controlLength, take);
        controlLength += take;
      } else if (opcode == TEXT) {
        readText(bytes, take);
      } else {
        bytes.position(bytes.position() + take);
      }
      payloadLeft -= take;
      if (payloadLeft == 0) {
        frameDone();
      }
    }
  }

  /** Keeps the head of a text message, and the rest if its head asked for that. */
  private void readText(ByteBuffer bytes, int take) {
    int kept = 0;
    if (headLength < HEAD) {
      kept = Math.min(take, HEAD - headLength);
      bytes.get(head, headLength, kept);
      headLength += kept;
      if (headLength == HEAD && sink.wantsWhole(head)) {
        keepingWhole = true;
        wholeLength = 0;
        append(head, HEAD);
      }
    }
    int rest = take - kept;
    if (keepingWhole && rest > 0) {
      room(rest);
      bytes.get(whole, wholeLength, rest);
      wholeLength += rest;
    } else {
      bytes.position(bytes.position() + rest);
    }
  }

  private void append(byte[] from, int length) {
    room(length);
    System.arraycopy(from, 0, whole, wholeLength, length);
    wholeLength += length;
  }

  private void room(int more) {
    if (whole.length < wholeLength + more) {
      whole = java.util.Arrays.copyOf(whole, Math.max(2 * whole.length, wholeLength + more));
    }
  }

  /** Gathers a header across pieces; true once it is whole and the payload comes next. */
  private boolean readHeader(ByteBuffer bytes) throws IOException {
    while (headerHave < 2 && bytes.hasRemaining()) {
      header[headerHave++] = bytes.get();
    }
    if (headerHave < 2) {
      return false;
    }
    if ((header[1] & 0x80) != 0) {
      throw new IOException("the server masked a frame");
    }
    int length7 = header[1] & 0x7F;
    int extra = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    while (headerHave < 2 + extra && bytes.hasRemaining()) {
      header[headerHave++] = bytes.get();
    }
    if (headerHave < 2 + extra) {
      return false;
    }
    long length = length7;
    if (extra > 0) {
      length = 0;
      for (int i = 2; i < 2 + extra; i++) {
        length = (length << 8) | (header[i] & 0xFF);
      }
    }
    start(header[0] & 0x80, header[0] & 0x0F, length);
    headerHave = 0;
    return true;
  }

  private void start(int finBit, int frameOpcode, long length) throws IOException {
    fin = finBit != 0;
    payloadLeft = length;
    inPayload = true;
    if (frameOpcode >= CLOSE) {
      if (!fin || length > control.length) {
        throw new IOException("a control frame fragmented or longer than 125 bytes");
      }
      opcode = frameOpcode;
      controlLength = 0;
    } else if (frameOpcode == CONTINUATION) {
      if (messageOpcode < 0) {
        throw new IOException("a continuation frame with no message to continue");
      }
      opcode = messageOpcode;
    } else {
      if (messageOpcode >= 0) {
        throw new IOException("a new message before the last one ended");
      }
      opcode = frameOpcode;
      messageOpcode = frameOpcode;
      headLength = 0;
      keepingWhole = false;
    }
  }

  private void frameDone() {
    inPayload = false;
    switch (opcode) {
      case PING -> sink.onPing(control, controlLength);
      case CLOSE -> sink.onClose(closeCode(), closeReason());
      default -> {
        if (opcode < CLOSE && fin) {
          messageOpcode = -1;
          if (opcode == TEXT && keepingWhole) {
            sink.onText(whole, wholeLength);
          } else if (opcode == TEXT) {
            sink.onText(head, headLength);
          }
        }
      }
    }
  }

  private int closeCode() {
    return controlLength < 2 ? 1005 : ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
  }

  private String closeReason() {
    return controlLength <= 2
        ? ""
        : new String(control, 2, controlLength - 2, StandardCharsets.UTF_8);
  }
}
