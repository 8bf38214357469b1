package org.chatroom.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chatroom.room.Line;

/**
 * Numbering on PostgreSQL in one statement: an upsert takes every room's numbers (a room met for
 * the first time gets its row, even when two servers meet it at once). For servers sharing their
 * rooms, the lines are then announced with {@code pg_notify}, which goes out at commit, so that no
 * notice comes before its lines; the notices carry the lines (see {@link LineNotice}), so the
 * others need not read them back.
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
          + " returning name, last_line_id)"
          + " select name, last_line_id from numbered";

  private static final String NOTIFY =
      "select pg_notify('"
          + CHANNEL
          + "', notice) is null from unnest(?::text[]) with ordinality as n (notice, i) order by i";

  private final String nodeId;

  /**
   * @param nodeId this server, named in the notices so that it can skip its own; null to notify
   *     nobody (a server that keeps its rooms to itself)
   */
  PostgresNumbering(String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public Map<String, Long> firstIds(Connection connection, Map<String, Integer> counts)
      throws SQLException {
    String[] rooms = counts.keySet().toArray(String[]::new);
    Long[] added = counts.values().stream().map(Integer::longValue).toArray(Long[]::new);
    Array roomArray = connection.createArrayOf("varchar", rooms);
    Array addedArray = connection.createArrayOf("bigint", added);
    try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
      statement.setArray(1, roomArray);
      statement.setArray(2, addedArray);
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

  @Override
  public void announce(Connection connection, List<Line> lines) throws SQLException {
    if (nodeId == null || lines.isEmpty()) {
      return;
    }
    Map<String, List<Line>> byRoom = new TreeMap<>();
    for (Line line : lines) {
      byRoom.computeIfAbsent(line.room(), room -> new ArrayList<>()).add(line);
    }
    List<String> notices = new ArrayList<>();
    byRoom.values().forEach(roomLines -> notices.addAll(LineNotice.of(nodeId, roomLines)));
    Array noticeArray = connection.createArrayOf("text", notices.toArray(String[]::new));
    try (PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
      statement.setArray(1, noticeArray);
      statement.executeQuery().close();
    } finally {
      noticeArray.free();
    }
  }
}
