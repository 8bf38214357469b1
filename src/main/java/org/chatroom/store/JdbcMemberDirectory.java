package org.chatroom.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.DaemonThreads;
import org.chatroom.room.MemberDirectory;
import org.chatroom.room.Refusal;
import org.chatroom.room.RoomException;
import org.chatroom.room.StoreException;

/**
 * The member directory in PostgreSQL, for servers sharing their rooms. A nickname belongs to
 * whoever inserted its row of {@code chat_member} first (the primary key is the room and the
 * look-alike key); each login and logout takes the room's next presence number from its {@code
 * chat_room} row, like lines, and is announced with {@code pg_notify} at commit. Every change is
 * one statement.
 */
@ApplicationScoped
public class JdbcMemberDirectory implements MemberDirectory {

  private static final Logger LOG = Logger.getLogger(JdbcMemberDirectory.class.getName());

  /** PostgreSQL's foreign key violation: this server's row is gone (taken for dead). */
  private static final String NO_SUCH_NODE = "23503";

  private static final String CLAIM =
      "with m as (insert into chat_member (room, name_key, nickname, node_id, connection_id,"
          + " joined_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing returning room, nickname),"
          + " c as (insert into chat_room (name, last_line_id, last_presence_id)"
          + " select room, 0, 1 from m on conflict (name) do update"
          + " set last_presence_id = chat_room.last_presence_id + 1"
          + " returning last_presence_id, last_line_id),"
          + " e as (insert into chat_presence (room, id, after_line, change, nickname, node_id, at)"
          + " select m.room, c.last_presence_id, c.last_line_id, 'J', m.nickname, ?, ? from c, m"
          + " returning room, id)"
          + " select id, pg_notify('"
          + PostgresNumbering.CHANNEL
          + "', 'P|' || id || '|' || ? || '|' || room) is null from e";

  private static final String RELEASE =
      "with m as (delete from chat_member where room = ? and name_key = ? and node_id = ?"
          + " and connection_id = ? returning room, nickname),"
          + " c as (update chat_room set last_presence_id = last_presence_id + 1"
          + " where name in (select room from m) returning last_presence_id, last_line_id),"
          + " e as (insert into chat_presence (room, id, after_line, change, nickname, node_id, at)"
          + " select m.room, c.last_presence_id, c.last_line_id, 'L', m.nickname, ?, ? from c, m"
          + " returning room, id)"
          + " select id, pg_notify('"
          + PostgresNumbering.CHANNEL
          + "', 'P|' || id || '|' || ? || '|' || room) is null from e";

  private ChatDatabase database;

  private volatile boolean registered;

  /** Logouts the database did not take, by room and key; retried by the heartbeat. */
  private final Map<List<String>, String> pendingReleases = new ConcurrentHashMap<>();

  /**
   * Sends the typing notices off the typist's reading thread: a database that is slow or away would
   * otherwise hold the typist's next frames for the pool's timeout. Best effort: a notice that
   * finds the queue full is dropped, since a late one tells nothing. Its thread ends when idle.
   */
  private final ThreadPoolExecutor notices =
      new ThreadPoolExecutor(
          0,
          1,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(16),
          DaemonThreads.named("chatroom-typing"),
          new ThreadPoolExecutor.DiscardPolicy());

  /** For CDI's proxy only. */
  protected JdbcMemberDirectory() {}

  @Inject
  public JdbcMemberDirectory(ChatDatabase database) {
    this.database = database;
  }

  @Override
  public String nodeId() {
    return database.nodeId();
  }

  /** Records this server among the servers (again, if it was taken for dead); idempotent. */
  public void register() throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into chat_node (id, name) values (?, ?) on conflict (id) do update"
                    + " set heartbeat_at = current_timestamp")) {
      insert.setString(1, nodeId());
      insert.setString(2, nodeName());
      insert.executeUpdate();
    }
    registered = true;
  }

  @Override
  public long claim(String room, String key, String nickname, String connectionId, long joinedAt)
      throws RoomException {
    try {
      if (!registered) {
        register();
      }
      retryRelease(room, key);
      Long event;
      try {
        event = change(CLAIM, room, key, nickname, connectionId, joinedAt);
      } catch (SQLException e) {
        if (!NO_SUCH_NODE.equals(e.getSQLState())) {
          throw e;
        }
        register(); // taken for dead while cut off: this server is back
        event = change(CLAIM, room, key, nickname, connectionId, joinedAt);
      }
      if (event == null) {
        throw new RoomException(
            Refusal.NICKNAME_TAKEN,
            "The nickname '" + nickname + "' is taken in this room; pick another.");
      }
      return event;
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "Room {0}: a login could not be recorded: {1}",
          new Object[] {room, e.getMessage()});
      throw new RoomException(
          Refusal.STORE_UNAVAILABLE,
          "The room cannot take logins right now; try again in a moment.");
    }
  }

  @Override
  public void release(String room, String key, String connectionId) {
    try {
      change(RELEASE, room, key, null, connectionId, 0);
    } catch (SQLException e) {
      pendingReleases.put(List.of(room, key), connectionId);
      LOG.log(
          Level.WARNING,
          "Room {0}: a logout could not be recorded now; it will be: {1}",
          new Object[] {room, e.getMessage()});
    }
  }

  /** Records the logouts that could not be recorded before; by the heartbeat. */
  public void retryReleases() {
    for (List<String> pending : List.copyOf(pendingReleases.keySet())) {
      try {
        retryRelease(pending.get(0), pending.get(1));
      } catch (SQLException e) {
        return; // still unreachable: the next beat tries again
      }
    }
  }

  private void retryRelease(String room, String key) throws SQLException {
    String connectionId = pendingReleases.get(List.of(room, key));
    if (connectionId != null) {
      change(RELEASE, room, key, null, connectionId, 0);
      pendingReleases.remove(List.of(room, key), connectionId);
    }
  }

  @Override
  public Snapshot snapshot(String room) throws StoreException {
    try (Connection connection = database.dataSource().getConnection()) {
      List<Remote> others = new ArrayList<>();
      try (PreparedStatement members =
          connection.prepareStatement(
              "select nickname, node_id, joined_at from chat_member where room = ?"
                  + " and node_id <> ? order by joined_at, name_key")) {
        members.setString(1, room);
        members.setString(2, nodeId());
        try (ResultSet result = members.executeQuery()) {
          while (result.next()) {
            others.add(new Remote(result.getString(1), result.getString(2), result.getLong(3)));
          }
        }
      }
      long last = 0;
      try (PreparedStatement counter =
          connection.prepareStatement("select last_presence_id from chat_room where name = ?")) {
        counter.setString(1, room);
        try (ResultSet result = counter.executeQuery()) {
          if (result.next()) {
            last = result.getLong(1);
          }
        }
      }
      return new Snapshot(others, last);
    } catch (SQLException e) {
      throw new StoreException(
          "The members of room " + room + " could not be read: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Event> after(String room, long afterId, int limit) throws StoreException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select id, after_line, change, nickname, node_id, at from chat_presence"
                    + " where room = ? and id > ? order by id limit ?")) {
      query.setString(1, room);
      query.setLong(2, afterId);
      query.setInt(3, limit);
      List<Event> events = new ArrayList<>();
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          events.add(
              new Event(
                  result.getLong(1),
                  result.getLong(2),
                  "J".equals(result.getString(3)),
                  result.getString(4),
                  result.getString(5),
                  result.getLong(6)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new StoreException(
          "The logins of room " + room + " could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * {@code T|<length of the room's name>|<node>|<room><nickname>}: the length stands where the
   * other notifications have their number, since a name may hold the separator.
   */
  @Override
  public void typing(String room, String nickname) {
    notices.execute(() -> sendTyping(room, nickname));
  }

  /** Ends the typing notices' thread; those still queued are dropped. */
  @PreDestroy
  public void stop() {
    DaemonThreads.stopNow(notices);
  }

  private void sendTyping(String room, String nickname) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement notify =
            connection.prepareStatement(
                "select pg_notify('" + PostgresNumbering.CHANNEL + "', ?) is null")) {
      notify.setString(1, "T|" + room.length() + "|" + nodeId() + "|" + room + nickname);
      notify.execute();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "A typing notice was not sent to the other servers", e);
    }
  }

  @Override
  public java.util.Optional<Seat> seat(String room, String key) throws StoreException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select node_id, connection_id from chat_member where room = ? and name_key = ?")) {
      query.setString(1, room);
      query.setString(2, key);
      try (ResultSet result = query.executeQuery()) {
        return result.next()
            ? java.util.Optional.of(new Seat(result.getString(1), result.getString(2)))
            : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("The members could not be read: " + e.getMessage(), e);
    }
  }

  @Override
  public int roomsWithMembers(String room) throws StoreException {
    return count(
        room == null
            ? "select count(distinct room) from chat_member where ? is null"
            : "select least(count(*), 1) from chat_member where room = ?",
        room,
        null);
  }

  @Override
  public int membersElsewhere(String room) throws StoreException {
    return count(
        "select count(*) from chat_member where room = ? and node_id <> ?", room, nodeId());
  }

  private int count(String sql, String first, String second) throws StoreException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, first);
      if (second != null) {
        query.setString(2, second);
      }
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("The members could not be counted: " + e.getMessage(), e);
    }
  }

  /** Runs a claim or release; the event's number, or null if nothing changed. */
  private Long change(
      String sql, String room, String key, String nickname, String connectionId, long joinedAt)
      throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int at = 1;
      statement.setString(at++, room);
      statement.setString(at++, key);
      if (nickname != null) {
        statement.setString(at++, nickname);
      }
      statement.setString(at++, nodeId());
      statement.setString(at++, connectionId);
      if (nickname != null) {
        statement.setLong(at++, joinedAt);
      }
      statement.setString(at++, nodeId());
      statement.setLong(at++, System.currentTimeMillis());
      statement.setString(at, nodeId());
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? result.getLong(1) : null;
      }
    }
  }

  /** For operators reading chat_node: host, process and start. */
  private static String nodeName() {
    String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
