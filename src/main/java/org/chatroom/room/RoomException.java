package org.chatroom.room;

/** A room refused what a member asked for; the message is shown to that member as is. */
public class RoomException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Refusal reason;

  public RoomException(Refusal reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Refusal reason() {
    return reason;
  }
}
