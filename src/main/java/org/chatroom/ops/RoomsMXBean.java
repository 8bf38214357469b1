package org.chatroom.ops;

import java.util.Map;

/**
 * The chat room as JMX shows it, under {@code chatroom:type=Rooms,context=/chatroom}: figures to
 * watch and the few things an operator does by hand. Readable from JConsole or VisualVM, from
 * Tomcat's Manager JMX proxy and from Payara's monitoring.
 */
public interface RoomsMXBean {

  /** WebSocket connections open now, logged in or not. */
  int getConnectionsOpen();

  /** Rooms with at least one open connection. */
  int getRooms();

  /** Members logged in, over all rooms. */
  int getUsersOnline();

  /** Members per room, by room name. */
  Map<String, Integer> getUsersPerRoom();

  /** Chat lines relayed since the application started. */
  long getMessagesRelayed();

  /** Frames answered with a {@code system} error since the application started. */
  long getMessagesRefused();

  /** The servers sharing these rooms through PostgreSQL and alive, this one included; else 1. */
  int getNodesAlive();

  /**
   * Sends a {@code system} notice to everyone in one room, or in all rooms when {@code room} is
   * empty or {@code *}.
   *
   * @return how many rooms heard it
   */
  int announce(String room, String text);

  /**
   * Removes a member: the client gets a {@code system} notice and a close ({@code 1008}) with the
   * reason, the room gets its {@code logout}.
   *
   * @return whether such a member was found
   */
  boolean kick(String room, String nickname, String reason);

  /**
   * Closes every connection on a room ({@code 1000}), each after a {@code system} notice; the room
   * goes with the last one, its history stays. Clients may come back.
   *
   * @return how many connections were closed
   */
  int closeRoom(String room);

  /**
   * Forgets every line of a room; newcomers then get no history, and line numbers go on.
   *
   * @throws IllegalStateException if the database cannot be reached
   */
  void clearHistory(String room);

  /**
   * Removes one line, such as an abusive one; clients in the room get a {@code delete} frame and
   * take it off their screens.
   *
   * @return whether the line was there
   * @throws IllegalStateException if the database cannot be reached
   */
  boolean deleteLine(String room, long id);
}
