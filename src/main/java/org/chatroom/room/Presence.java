package org.chatroom.room;

/**
 * Someone came into a room or left it. The others are told only who: a room's whole list goes to
 * the newcomer alone ({@link RoomEncoder#welcome}), so that filling a room of n costs O(n) bytes in
 * all, not O(n²).
 */
public record Presence(Change change, String room, String nickname, long time) {

  public enum Change {
    JOINED,
    LEFT
  }
}
