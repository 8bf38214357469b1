package org.chatroom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.chatroom.room.Line;

/**
 * How a transaction takes the next line numbers of its rooms from their {@code chat_room} rows. The
 * rows stay locked until the transaction ends, so servers sharing the database take turns per room
 * and commit each room's lines in the order of their numbers.
 */
interface Numbering {

  /**
   * Moves each room's last number on by its count of lines, in the transaction of {@code
   * connection}.
   *
   * @param counts lines per room, in room-name order (the lock order, so servers never deadlock)
   * @return each room's first new number
   */
  Map<String, Long> firstIds(Connection connection, Map<String, Integer> counts)
      throws SQLException;

  /**
   * Tells the servers sharing the database about the lines, in the transaction that stores them, so
   * that nobody hears of them before they are committed; nothing when this server is alone.
   */
  default void announce(Connection connection, List<Line> lines) throws SQLException {}
}
