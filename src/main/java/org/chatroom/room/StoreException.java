package org.chatroom.room;

/** The line store could not be reached, or refused the work; nothing of it was kept. */
public class StoreException extends Exception {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
