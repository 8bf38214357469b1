package org.chatroom.room;

/** A logged-in connection in one room: its nickname and where its frames go. */
public final class Member {

  private final Nickname nickname;
  private final MessageSink sink;
  private final String connectionId;
  private final boolean wantsTyping;
  private final long joinedAt;

  /** When the room last relayed this member's typing notice (nanoTime); guarded by the room. */
  private long typingRelayedAt;

  private boolean typingRelayed;

  Member(
      Nickname nickname,
      MessageSink sink,
      String connectionId,
      boolean wantsTyping,
      long joinedAt) {
    this.nickname = nickname;
    this.joinedAt = joinedAt;
    this.sink = sink;
    this.connectionId = connectionId;
    this.wantsTyping = wantsTyping;
  }

  public Nickname nickname() {
    return nickname;
  }

  public String connectionId() {
    return connectionId;
  }

  /** When the member logged in (epoch millis): the order of a room's user list. */
  long joinedAt() {
    return joinedAt;
  }

  /** Whether this member's client asked for {@code typing} notices at login. */
  boolean wantsTyping() {
    return wantsTyping;
  }

  /** Whether a typing notice may be relayed now, at most one per interval; guarded by the room. */
  boolean mayRelayTyping(long nowNanos, long intervalNanos) {
    if (typingRelayed && nowNanos - typingRelayedAt < intervalNanos) {
      return false;
    }
    typingRelayed = true;
    typingRelayedAt = nowNanos;
    return true;
  }

  /** The member said a line; guarded by the room. */
  void lineSaid() {
    typingRelayed = false;
  }

  MessageSink sink() {
    return sink;
  }
}
