package org.chatroom.room;

/**
 * One chat line as the room keeps it: its number in the room (rising by one, never reused), who
 * said it, what, and when (milliseconds since 1970 UTC).
 */
public record Line(String room, long id, String nickname, String text, long time) {

  /** A line said but not yet stored: the store gives it its number. */
  public record Draft(String room, String nickname, String text, long time) {

    public Line numbered(long id) {
      return new Line(room, id, nickname, text, time);
    }
  }
}
