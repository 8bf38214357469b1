package org.chatroom.room;

/** Why a room refused what a member asked for; the protocol names each for the client. */
public enum Refusal {
  /** A chat line, typing notice or logout before a successful login. */
  NOT_LOGGED_IN,
  /** A second login on a connection that is already in the room. */
  ALREADY_LOGGED_IN,
  /** Somebody in the room already uses that nickname (ignoring case and look-alikes). */
  NICKNAME_TAKEN,
  /** The nickname breaks the naming rules. */
  NICKNAME_INVALID,
  /** The room name breaks the naming rules. */
  ROOM_INVALID,
  /** A chat line with nothing but white space. */
  EMPTY_MESSAGE,
  /** A chat line longer than the server accepts. */
  MESSAGE_TOO_LONG,
  /** A chat line holding control characters, bidi overrides or broken surrogates. */
  INVALID_CHARACTER,
  /** A chat line whose author field names somebody other than the sender. */
  FORGED_FROM,
  /** The line could not be stored, so it was not sent to anyone. */
  STORE_UNAVAILABLE
}
