package org.chatroom.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.Line;
import org.chatroom.room.LineStore;
import org.chatroom.room.StoreException;

/** The rooms' lines in a relational database; see {@link LineWriter} for how they are written. */
@ApplicationScoped
public class JdbcLineStore implements LineStore {

  /** How long a health answer stands, so that load balancers' checks do not each open one. */
  private static final long REACHABLE_CACHE_NANOS = 1_000_000_000L;

  private final AtomicBoolean stopped = new AtomicBoolean();
  private ChatDatabase database;
  private DataSource dataSource;
  private ChatSettings settings;
  private LineWriter writer;
  private Retention retention;
  private volatile long checkedAt;
  private volatile boolean reachable;

  /** For CDI's proxy only. */
  protected JdbcLineStore() {}

  @Inject
  public JdbcLineStore(ChatDatabase database, ChatSettings settings) {
    this.database = database;
    this.settings = settings;
  }

  @PostConstruct
  void start() {
    dataSource = database.dataSource();
    Numbering numbering =
        database.postgres()
            ? new PostgresNumbering(database.shared() ? database.nodeId() : null)
            : new PortableNumbering();
    writer = new LineWriter(dataSource, numbering);
    retention = new Retention(this, settings);
  }

  /** Writes what is queued and stops; once (the application stops it before CDI would). */
  @PreDestroy
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      retention.stop();
      writer.stop();
    }
  }

  @Override
  public void append(Line.Draft draft, Consumer<Line> stored, Consumer<StoreException> failed) {
    writer.submit(draft, stored, failed);
  }

  @Override
  public List<Line> last(String room, int count) throws StoreException {
    List<Line> newestFirst =
        query(
            "select id, nickname, text, said_at from chat_line where room = ?"
                + " order by id desc limit ?",
            room,
            -1,
            count);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public List<Line> after(String room, long since, int limit) throws StoreException {
    return query(
        "select id, nickname, text, said_at from chat_line where room = ? and id > ?"
            + " order by id limit ?",
        room,
        since,
        limit);
  }

  @Override
  public void clear(String room) throws StoreException {
    update("delete from chat_line where room = ?", room, -1);
  }

  @Override
  public boolean delete(String room, long id) throws StoreException {
    return update("delete from chat_line where room = ? and id = ?", room, id) > 0;
  }

  @Override
  public int prune(int keepPerRoom, long olderThanMillis) throws StoreException {
    try (Connection connection = dataSource.getConnection()) {
      int pruned = 0;
      if (keepPerRoom > 0) {
        try (PreparedStatement statement =
            connection.prepareStatement(
                "delete from chat_line where id <= (select r.last_line_id - ? from chat_room r"
                    + " where r.name = chat_line.room)")) {
          statement.setLong(1, keepPerRoom);
          pruned += statement.executeUpdate();
        }
      }
      if (olderThanMillis > 0) {
        try (PreparedStatement statement =
            connection.prepareStatement("delete from chat_line where said_at < ?")) {
          statement.setLong(1, olderThanMillis);
          pruned += statement.executeUpdate();
        }
      }
      return pruned;
    } catch (SQLException e) {
      throw new StoreException("Old lines could not be pruned: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean shared() {
    return database.shared();
  }

  @Override
  public boolean reachable() {
    long now = System.nanoTime();
    if (now - checkedAt > REACHABLE_CACHE_NANOS) {
      try (Connection connection = dataSource.getConnection()) {
        reachable = connection.isValid(2);
      } catch (SQLException e) {
        reachable = false;
      }
      checkedAt = now;
    }
    return reachable;
  }

  /** Runs a query with the room, then an id if not negative, then a limit. */
  private List<Line> query(String sql, String room, long id, int limit) throws StoreException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int at = 1;
      statement.setString(at++, room);
      if (id >= 0) {
        statement.setLong(at++, id);
      }
      statement.setInt(at, limit);
      List<Line> lines = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          lines.add(
              new Line(
                  room,
                  result.getLong(1),
                  result.getString(2),
                  result.getString(3),
                  result.getLong(4)));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw new StoreException(
          "The lines of room " + room + " could not be read: " + e.getMessage(), e);
    }
  }

  private int update(String sql, String room, long id) throws StoreException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, room);
      if (id >= 0) {
        statement.setLong(2, id);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(
          "The lines of room " + room + " could not be changed: " + e.getMessage(), e);
    }
  }
}
