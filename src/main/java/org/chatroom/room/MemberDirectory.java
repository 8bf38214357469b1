package org.chatroom.room;

import java.util.List;

/**
 * Who is in which room on every server sharing the store: the judge of whether a nickname is free
 * room-wide, and the numbered record of logins and logouts that each server reads, as it reads the
 * others' lines. A server alone needs none (its rooms know their members).
 */
public interface MemberDirectory {

  /** This server's name among the servers, as events and members carry it. */
  String nodeId();

  /**
   * Gives the nickname to this server's connection in the room, and records the login.
   *
   * @param key the nickname's look-alike key: two claims of one key meet, and one wins
   * @return the login's number among the room's presence events
   * @throws RoomException {@link Refusal#NICKNAME_TAKEN} if someone on any server has it, {@link
   *     Refusal#STORE_UNAVAILABLE} if the directory cannot be reached
   */
  long claim(String room, String key, String nickname, String connectionId, long joinedAt)
      throws RoomException;

  /** Gives the nickname back and records the logout; kept and retried if it cannot be done now. */
  void release(String room, String key, String connectionId);

  /** The room's members on the other servers, and the number of its last presence event. */
  Snapshot snapshot(String room) throws StoreException;

  /** The room's presence events numbered above {@code afterId}, in order, at most {@code limit}. */
  List<Event> after(String room, long afterId, int limit) throws StoreException;

  /**
   * Tells the other servers that the member is typing; best effort: a notice that cannot be sent is
   * dropped, as typing notices are anyway when a client cannot take them.
   */
  void typing(String room, String nickname);

  /** Where a member is: its server and connection there; empty if nobody has the nickname. */
  java.util.Optional<Seat> seat(String room, String key) throws StoreException;

  /**
   * How many rooms have members on any server: of all rooms ({@code room} null), or 1 or 0 for that
   * room.
   */
  int roomsWithMembers(String room) throws StoreException;

  /** How many members the room has on the other servers. */
  int membersElsewhere(String room) throws StoreException;

  /** A member's place: which server, which connection there. */
  record Seat(String nodeId, String connectionId) {}

  /** A member on another server. */
  record Remote(String nickname, String nodeId, long joinedAt) {}

  /** What a room opening on this server starts from. */
  record Snapshot(List<Remote> others, long lastEventId) {}

  /**
   * A login or logout, on whichever server; {@code afterLine} is the room's last line number when
   * it happened, which places it among the lines.
   */
  record Event(long id, long afterLine, boolean joined, String nickname, String nodeId, long at) {}
}
