package org.chatroom.room;

/** A logged-in connection in one room: its nickname and where its frames go. */
public final class Member {

  private final Nickname nickname;
  private final MessageSink sink;
  private final String connectionId;
  private final boolean wantsTyping;

  Member(Nickname nickname, MessageSink sink, String connectionId, boolean wantsTyping) {
    this.nickname = nickname;
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

  /** Whether this member's client asked for {@code typing} notices at login. */
  boolean wantsTyping() {
    return wantsTyping;
  }

  MessageSink sink() {
    return sink;
  }
}
