package org.chatroom.bench;

/**
 * The content of a chat line the generator sends, {@code "<sentNanos> <tag> <sender> <filler>"},
 * and the reading of it back out of a {@code user} frame without a JSON parser: the servers write
 * {@code type} first and {@code content} near the start, and these contents need no escaping.
 *
 * @param sentNanos when the line was due to be sent, in {@link Clock#nanos()}
 * @param tag the phase the line belongs to; lines of other phases are ignored
 * @param sender the sending client's index
 */
record LineContent(long sentNanos, int tag, int sender) {

  /** About as long as a short chat line: the frames are realistic, not minimal. */
  private static final String FILLER = "the quick brown fox jumps over the lazy dog";

  private static final String USER = "{\"type\":\"user\"";
  private static final String CONTENT = "\"content\":\"";
  private static final String HISTORY = "\"history\":true";

  private static final byte[] USER_BYTES = Ascii.bytes(USER);
  private static final byte[] CONTENT_BYTES = Ascii.bytes(CONTENT);
  private static final byte[] HISTORY_BYTES = Ascii.bytes(HISTORY);

  /** More digits than a long holds are not a generator's number. */
  private static final int MAX_DIGITS = 18;

  /** The content of the client frame that says this line (see {@link Dialect#frame}). */
  String content() {
    return sentNanos + " " + tag + ' ' + sender + ' ' + FILLER;
  }

  /** The line a live {@code user} frame carries, or null for any other frame. */
  static LineContent parse(String frame) {
    if (!frame.startsWith(USER) || frame.contains(HISTORY)) {
      return null;
    }
    int at = frame.indexOf(CONTENT);
    if (at < 0) {
      return null;
    }
    at += CONTENT.length();
    int end = frame.indexOf(' ', at);
    int tagEnd = end < 0 ? -1 : frame.indexOf(' ', end + 1);
    int senderEnd = tagEnd < 0 ? -1 : frame.indexOf(' ', tagEnd + 1);
    if (senderEnd < 0) {
      return null;
    }
    try {
      return new LineContent(
          Long.parseLong(frame, at, end, 10),
          Integer.parseInt(frame, end + 1, tagEnd, 10),
          Integer.parseInt(frame, tagEnd + 1, senderEnd, 10));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The line a live {@code user} frame carries, read from the frame's first bytes as they came
   * (UTF-8, undecoded), {@code frame[from, length)}, or null for any other frame.
   */
  static LineContent parse(byte[] frame, int from, int length) {
    if (!Ascii.startsWith(frame, from, length, USER_BYTES)) {
      return null;
    }
    int at = Ascii.indexOf(frame, length, CONTENT_BYTES, from + USER_BYTES.length);
    if (at < 0) {
      return null;
    }
    at += CONTENT_BYTES.length;
    int end = numberEnd(frame, length, at);
    int tagEnd = end < 0 ? -1 : numberEnd(frame, length, end + 1);
    int senderEnd = tagEnd < 0 ? -1 : numberEnd(frame, length, tagEnd + 1);
    if (senderEnd < 0
        || tagEnd - end - 1 > 9
        || senderEnd - tagEnd - 1 > 9
        || Ascii.indexOf(frame, length, HISTORY_BYTES, senderEnd) >= 0) {
      return null;
    }
    return new LineContent(
        digits(frame, at, end),
        (int) digits(frame, end + 1, tagEnd),
        (int) digits(frame, tagEnd + 1, senderEnd));
  }

  /** Where the digits from {@code at} end, at a space; -1 if none, or anything else, is there. */
  private static int numberEnd(byte[] frame, int length, int at) {
    int i = at;
    while (i < length && i - at <= MAX_DIGITS && frame[i] >= '0' && frame[i] <= '9') {
      i++;
    }
    return i == at || i >= length || i - at > MAX_DIGITS || frame[i] != ' ' ? -1 : i;
  }

  private static long digits(byte[] frame, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (frame[i] - '0');
    }
    return value;
  }
}
