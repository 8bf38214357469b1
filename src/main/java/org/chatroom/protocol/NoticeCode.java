package org.chatroom.protocol;

/**
 * Word from the server that refuses nothing the client did, in the {@code code} of a {@code system}
 * frame; a refusal is an {@link ErrorCode}. The {@code content} stays an English sentence for
 * clients that know no codes.
 */
public enum NoticeCode implements SystemCode {
  /** An operator's announcement; the {@code content} is the operator's text as given. */
  ANNOUNCEMENT,
  /**
   * An operator removed this member; the connection closes {@code 1008} next. The operator's
   * reason, if any, is in {@code reason} as well as in the sentence.
   */
  KICKED,
  /** An operator closed the room; every connection on it closes {@code 1000} next. */
  ROOM_CLOSED,
  /** The server or the application is stopping; the connection closes {@code 1001} next. */
  SERVER_SHUTDOWN
}
