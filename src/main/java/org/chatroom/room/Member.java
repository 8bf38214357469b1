package org.chatroom.room;

/** A logged-in connection in one room: its nickname and where its frames go. */
public final class Member {

  private final Nickname nickname;
  private final MessageSink sink;
  private final String connectionId;

  Member(Nickname nickname, MessageSink sink, String connectionId) {
    this.nickname = nickname;
    this.sink = sink;
    this.connectionId = connectionId;
  }

  public Nickname nickname() {
    return nickname;
  }

  public String connectionId() {
    return connectionId;
  }

  MessageSink sink() {
    return sink;
  }
}
