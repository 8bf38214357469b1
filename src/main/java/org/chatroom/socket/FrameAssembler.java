package org.chatroom.socket;

/**
 * Joins the parts of one text frame as the container hands them over, up to the frame size limit.
 *
 * <p>The endpoint takes text in parts so that the container needs only a small receive buffer per
 * connection (see {@code org.apache.tomcat.websocket.textBufferSize} in {@code web.xml}): a whole
 * message handler would make Tomcat keep a buffer of the full frame limit for every connection, 128
 * KiB each at the default limit, idle or not. Most frames arrive in one part and are passed on as
 * they are; only a longer one is copied together here.
 */
final class FrameAssembler {

  /** The frame grew past the limit; the connection is to be closed with 1009. */
  static final class FrameTooBigException extends Exception {
    private static final long serialVersionUID = 1L;

    FrameTooBigException(int limit) {
      super("Frames are limited to " + limit + " characters");
    }
  }

  private final int maxChars;
  private StringBuilder pending;

  FrameAssembler(int maxChars) {
    this.maxChars = maxChars;
  }

  /**
   * Adds the next part of the current frame.
   *
   * @return the whole frame when {@code last}, otherwise {@code null} (more parts are due)
   */
  String append(String part, boolean last) throws FrameTooBigException {
    if (pending == null && last) {
      return checked(part);
    }
    int size = (pending == null ? 0 : pending.length()) + part.length();
    if (size > maxChars) {
      pending = null;
      throw new FrameTooBigException(maxChars);
    }
    if (pending == null) {
      pending = new StringBuilder(Math.max(2 * part.length(), 256));
    }
    pending.append(part);
    if (!last) {
      return null;
    }
    String frame = pending.toString();
    pending = null;
    return frame;
  }

  private String checked(String frame) throws FrameTooBigException {
    if (frame.length() > maxChars) {
      throw new FrameTooBigException(maxChars);
    }
    return frame;
  }
}
