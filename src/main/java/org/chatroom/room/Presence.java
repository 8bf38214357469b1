package org.chatroom.room;

import java.util.List;

/** Someone came into a room or left it, with the room's nicknames after the change. */
public record Presence(Change change, String room, String nickname, List<String> users, long time) {

  public enum Change {
    JOINED,
    LEFT
  }

  public Presence {
    users = List.copyOf(users);
  }
}
