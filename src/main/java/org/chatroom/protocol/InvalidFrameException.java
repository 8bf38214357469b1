package org.chatroom.protocol;

import jakarta.websocket.DecodeException;

/** A client frame the server refuses, with the {@link ErrorCode} the client is told. */
public class InvalidFrameException extends DecodeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public InvalidFrameException(ErrorCode code, String rawFrame, String reason) {
    super(rawFrame, reason);
    this.code = code;
  }

  public InvalidFrameException(ErrorCode code, String rawFrame, String reason, Throwable cause) {
    super(rawFrame, reason, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
