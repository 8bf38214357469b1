package org.chatroom.protocol;

import org.chatroom.room.Refusal;

/**
 * Why the server refused what a client sent or tried, in the {@code code} of a {@code system}
 * frame. Word that refuses nothing is a {@link NoticeCode}.
 */
public enum ErrorCode implements SystemCode {
  /** The frame is not a JSON object of the protocol's shape. */
  MALFORMED_FRAME,
  /** The {@code type} is missing or is not one a client may send. */
  UNKNOWN_TYPE,
  /** More frames than the rate limit allows; keep it up and the connection is closed. */
  RATE_LIMITED,
  /** The server holds as many connections as it is allowed to; try again later. */
  SERVER_FULL,
  /** A binary frame: the protocol is JSON text only. */
  BINARY_UNSUPPORTED,
  /** The client's address holds as many connections as one address may; close one first. */
  TOO_MANY_CONNECTIONS,
  /** The connection did not log in within the login deadline and is closed. */
  LOGIN_TIMEOUT,

  // A room's refusals, each under its Refusal's name (see there for when).
  NOT_LOGGED_IN,
  ALREADY_LOGGED_IN,
  NICKNAME_TAKEN,
  NICKNAME_INVALID,
  ROOM_INVALID,
  EMPTY_MESSAGE,
  MESSAGE_TOO_LONG,
  INVALID_CHARACTER,
  FORGED_FROM,
  STORE_UNAVAILABLE;

  /** The code a room's refusal is told to the client under; the names are the same. */
  public static ErrorCode of(Refusal reason) {
    return valueOf(reason.name());
  }
}
