package org.chatroom.room;

import java.util.List;

/**
 * Turns what happens in a room into the text its members receive. The room encodes each broadcast
 * once and queues the same text for everyone; the wire format is the protocol's business, so the
 * protocol implements this.
 */
public interface RoomEncoder {

  /** A chat line; {@code replayed} marks one sent from before the client joined. */
  String line(Line line, boolean replayed);

  /** A login or logout as the others in the room hear it: who, without the room's list. */
  String presence(Presence change);

  /**
   * Several logins, or several logouts, of one room in one frame, in the order they happened: what
   * a member that fell behind in a crowd's arrival is sent instead of one frame each.
   */
  String presence(List<Presence> changes);

  /**
   * The newcomer's own login echo, with the room's nicknames; {@code recovered} is set only for a
   * member that asked to catch up, and says whether it got exactly the lines it missed.
   */
  String welcome(Presence joined, List<String> users, Boolean recovered);

  String typing(String room, String nickname);

  /** An operator's announcement to a room. */
  String announcement(String room, String text);

  /** A line an operator removed, for clients to take off their screens. */
  String removed(String room, long id);

  /** A refusal to one member, sent after the fact (a line the store could not keep). */
  String refusal(Refusal reason, String text);
}
