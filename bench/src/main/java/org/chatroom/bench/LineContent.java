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

  /** The client frame that says this line. */
  String toFrame() {
    return "{\"type\":\"user\",\"content\":\""
        + sentNanos
        + ' '
        + tag
        + ' '
        + sender
        + ' '
        + FILLER
        + "\"}";
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
}
