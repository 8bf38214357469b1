package org.chatroom.protocol;

import java.util.Locale;
import org.chatroom.room.Refusal;

/**
 * Machine-readable reasons carried in the {@code code} field of a {@code system} frame. The wire
 * form is the lower-case name; clients may switch on it, so a code is never renamed.
 */
public enum ErrorCode {
  /** The frame is not a JSON object of the protocol's shape. */
  MALFORMED_FRAME,
  /** The {@code type} is missing or is not one a client may send. */
  UNKNOWN_TYPE,
  /** A chat line or logout arrived before a successful login. */
  NOT_LOGGED_IN,
  /** A second login on a connection that is already in the room. */
  ALREADY_LOGGED_IN,
  /** Somebody in the room already uses that nickname (ignoring case). */
  NICKNAME_TAKEN,
  /** The nickname breaks the naming rules. */
  NICKNAME_INVALID,
  /** The room name in the URL breaks the naming rules. */
  ROOM_INVALID,
  /** A chat line with nothing but white space. */
  EMPTY_MESSAGE,
  /** A chat line longer than the server accepts. */
  MESSAGE_TOO_LONG,
  /** A chat line holding control characters, bidi overrides or broken surrogates. */
  INVALID_CHARACTER,
  /** A {@code from} naming somebody other than the sender. */
  FORGED_FROM,
  /** More frames than the rate limit allows; keep it up and the connection is closed. */
  RATE_LIMITED,
  /** The server holds as many connections as it is allowed to; try again later. */
  SERVER_FULL,
  /** A binary frame: the protocol is JSON text only. */
  BINARY_UNSUPPORTED,
  /** The line could not be stored (the database is unreachable), so nobody received it. */
  STORE_UNAVAILABLE;

  /** The code a room's refusal is told to the client under; the names are the same. */
  public static ErrorCode of(Refusal reason) {
    return valueOf(reason.name());
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
