package org.chatroom.room;

import java.util.Optional;

/**
 * One connection's visit to a room: it may log in to become a member, speak as that member, log out
 * and log in again, and leaves when the connection ends. The membership rules live here, so the
 * endpoint only reads frames and passes them on.
 */
public final class Visitor {

  private final Room room;
  private final MessageSink sink;
  private final String connectionId;
  private volatile Member member;

  /** Set when the connection ended: a login still in flight then must not make a ghost member. */
  private boolean ended;

  Visitor(Room room, MessageSink sink, String connectionId) {
    this.room = room;
    this.sink = sink;
    this.connectionId = connectionId;
  }

  public Room room() {
    return room;
  }

  /** The member this visitor is logged in as, if it is. */
  public Optional<Member> member() {
    return Optional.ofNullable(member);
  }

  /**
   * Joins the room under the nickname.
   *
   * @param since the number of the last line the client saw here, to catch up exactly; or null
   */
  public synchronized Member login(String nickname, boolean wantsTyping, Long since)
      throws RoomException {
    Member current = member;
    if (current != null) {
      throw new RoomException(
          Refusal.ALREADY_LOGGED_IN, "You are already in the room as " + current.nickname() + ".");
    }
    if (ended) {
      throw new RoomException(Refusal.NOT_LOGGED_IN, "The connection is closed.");
    }
    member = room.join(nickname, sink, connectionId, wantsTyping, since);
    return member;
  }

  /** Says a line; {@code claimedFrom} is the author the client put in the frame, if any. */
  public void say(String text, String claimedFrom) throws RoomException {
    Member speaker = loggedIn("Log in before you chat.");
    if (claimedFrom != null && !speaker.nickname().isSameAs(claimedFrom)) {
      throw new RoomException(
          Refusal.FORGED_FROM, "You speak as " + speaker.nickname() + " and nobody else.");
    }
    room.say(speaker, text);
  }

  public void typing() throws RoomException {
    room.typing(loggedIn("Log in before you chat."));
  }

  /** Leaves the room; the connection stays and may log in again. */
  public Optional<Member> logout() throws RoomException {
    loggedIn("You are not logged in.");
    return leave();
  }

  /**
   * The connection ended: leaves the room if logged in, and no login is taken after this. Login and
   * end are ordered by this visitor's lock, so whichever of a racing login and close comes second
   * sees the other: the close takes the member out, or the login is refused.
   *
   * @return the member that left, if this call took it out
   */
  public synchronized Optional<Member> end() {
    ended = true;
    return leave();
  }

  /**
   * Leaves the room if logged in; safe to call more than once (a logout, then the close).
   *
   * @return the member that left, if this call took it out
   */
  public synchronized Optional<Member> leave() {
    Member leaving = member;
    member = null;
    return leaving != null && room.leave(leaving) ? Optional.of(leaving) : Optional.empty();
  }

  private Member loggedIn(String refusal) throws RoomException {
    Member current = member;
    if (current == null) {
      throw new RoomException(Refusal.NOT_LOGGED_IN, refusal);
    }
    return current;
  }
}
