package org.chatroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbering in plain SQL, for H2: one batched update moves every room's last number on, one query
 * reads them back, and rooms met for the first time get their row. Three round trips at most,
 * however many rooms.
 */
final class PortableNumbering implements Numbering {

  @Override
  public Map<String, Long> firstIds(Connection connection, Map<String, Integer> counts)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update chat_room set last_line_id = last_line_id + ? where name = ?")) {
      for (Map.Entry<String, Integer> room : counts.entrySet()) {
        update.setLong(1, room.getValue());
        update.setString(2, room.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
    Map<String, Long> next = new HashMap<>();
    String marks = String.join(",", Collections.nCopies(counts.size(), "?"));
    try (PreparedStatement select =
        connection.prepareStatement(
            "select name, last_line_id from chat_room where name in (" + marks + ")")) {
      int at = 1;
      for (String room : counts.keySet()) {
        select.setString(at++, room);
      }
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          String room = result.getString(1);
          next.put(room, result.getLong(2) - counts.get(room) + 1);
        }
      }
    }
    List<String> newRooms = counts.keySet().stream().filter(r -> !next.containsKey(r)).toList();
    if (!newRooms.isEmpty()) {
      try (PreparedStatement insert =
          connection.prepareStatement("insert into chat_room (name, last_line_id) values (?, ?)")) {
        for (String room : newRooms) {
          insert.setString(1, room);
          insert.setLong(2, counts.get(room));
          insert.addBatch();
          next.put(room, 1L);
        }
        insert.executeBatch();
      }
    }
    return next;
  }
}
