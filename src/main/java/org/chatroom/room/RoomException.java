package org.chatroom.room;

import org.chatroom.protocol.ErrorCode;

/** A room refused what a member asked for; the message is shown to that member as is. */
public class RoomException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public RoomException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
