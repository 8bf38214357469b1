package org.chatroom.protocol;

/** A client frame the server refuses, with the {@link ErrorCode} the client is told. */
public class InvalidFrameException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String rawFrame;

  public InvalidFrameException(ErrorCode code, String rawFrame, String reason) {
    this(code, rawFrame, reason, null);
  }

  public InvalidFrameException(ErrorCode code, String rawFrame, String reason, Throwable cause) {
    super(reason, cause);
    this.code = code;
    this.rawFrame = rawFrame;
  }

  /** The frame as the client sent it. */
  public String rawFrame() {
    return rawFrame;
  }

  public ErrorCode code() {
    return code;
  }
}
