package org.chatroom.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbering on PostgreSQL in one statement: an upsert takes every room's numbers (a room met for
 * the first time gets its row, even when two servers meet it at once) and, for servers sharing
 * their rooms, tells the others with {@code pg_notify}. The notification goes out at commit, so it
 * never comes before its lines; it carries only the room and its last number, a wake-up: the others
 * read the lines themselves, so a lost notification costs time, never a line.
 */
final class PostgresNumbering implements Numbering {

  /** The channel every server sharing the database listens on. */
  static final String CHANNEL = "chatroom";

  private static final String UPSERT =
      "with numbered as ("
          + " insert into chat_room (name, last_line_id)"
          + " select room, n from unnest(?::varchar[], ?::bigint[]) as batch (room, n)"
          + " order by room"
          + " on conflict (name) do update"
          + " set last_line_id = chat_room.last_line_id + excluded.last_line_id"
          + " returning name, last_line_id)";

  private final String sql;
  private final String nodeId;

  /**
   * @param nodeId this server, named in the notifications so that it can skip its own; null to
   *     notify nobody (a server that keeps its rooms to itself)
   */
  PostgresNumbering(String nodeId) {
    this.nodeId = nodeId;
    this.sql =
        nodeId == null
            ? UPSERT + " select name, last_line_id from numbered"
            : UPSERT
                + " select name, last_line_id, pg_notify('"
                + CHANNEL
                + "', 'L|' || last_line_id || '|' || ? || '|' || name) is null from numbered";
  }

  @Override
  public Map<String, Long> firstIds(Connection connection, Map<String, Integer> counts)
      throws SQLException {
    String[] rooms = counts.keySet().toArray(String[]::new);
    Long[] added = counts.values().stream().map(Integer::longValue).toArray(Long[]::new);
    Array roomArray = connection.createArrayOf("varchar", rooms);
    Array addedArray = connection.createArrayOf("bigint", added);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, roomArray);
      statement.setArray(2, addedArray);
      if (nodeId != null) {
        statement.setString(3, nodeId);
      }
      Map<String, Long> next = new HashMap<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          String room = result.getString(1);
          next.put(room, result.getLong(2) - counts.get(room) + 1);
        }
      }
      return next;
    } finally {
      roomArray.free();
      addedArray.free();
    }
  }
}
