package org.chatroom.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.DaemonThreads;
import org.chatroom.room.RoomRegistry;
import org.chatroom.store.ChatDatabase;
import org.chatroom.store.JdbcMemberDirectory;

/**
 * This server's sign of life to the others sharing the database, and its part in burying those that
 * died without a word. Every {@code timeout / 6} it stamps its {@code chat_node} row; a row older
 * than {@code timeout - 2 beats} belongs to a dead server, whose members any survivor removes,
 * writing one logout each, in one transaction (two survivors reaping at once delete the same rows:
 * the second finds them gone). So a killed server's members leave within the timeout.
 *
 * <p>A server that was itself cut off from the database must not bury the others: right after
 * PostgreSQL restarts, every stamp is old. So it reaps only once it has been connected, without a
 * failed beat, for as long as a stamp may be old, and only if the database itself has run as long.
 */
@ApplicationScoped
public class NodeHeartbeat {

  private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

  /** The dead servers' ids, then their members, in one statement. */
  private static final String REAP =
      "with dead as (delete from chat_node where id <> ?"
          + " and heartbeat_at < current_timestamp - ? * interval '1 millisecond'"
          + " and pg_postmaster_start_time() < current_timestamp - ? * interval '1 millisecond'"
          + " returning id),"
          + " gone as (delete from chat_member m using dead where m.node_id = dead.id"
          + " returning m.room, m.nickname, m.node_id)"
          + " select room, nickname, node_id from gone order by room, nickname";

  /** This server's own row and leftover members, when it stops. */
  private static final String LEAVE =
      "with dead as (delete from chat_node where id = ? returning id),"
          + " gone as (delete from chat_member m using dead where m.node_id = dead.id"
          + " returning m.room, m.nickname, m.node_id)"
          + " select room, nickname, node_id from gone order by room, nickname";

  private ChatDatabase database;
  private JdbcMemberDirectory directory;
  private RoomRegistry registry;
  private ChatSettings settings;
  private ScheduledExecutorService beats;
  private long connectedSince = -1;

  private volatile int alive = 1;
  private volatile long aliveCountedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

  /** Whether this server's row was ever stamped: a missing row after that means taken for dead. */
  private boolean stamped;

  /** For CDI's proxy only. */
  protected NodeHeartbeat() {}

  @Inject
  public NodeHeartbeat(
      ChatDatabase database,
      JdbcMemberDirectory directory,
      RoomRegistry registry,
      ChatSettings settings) {
    this.database = database;
    this.directory = directory;
    this.registry = registry;
    this.settings = settings;
  }

  /** Starts beating if this server shares its rooms; does nothing otherwise. */
  public synchronized void start() {
    if (beats != null || !database.shared()) {
      return;
    }
    beats = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chatroom-heartbeat"));
    beats.scheduleWithFixedDelay(this::beat, 0, beatMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops beating and takes this server out: its row and any member it still had. */
  @PreDestroy
  public void stop() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = beats;
      beats = null;
    }
    if (running == null) {
      return;
    }
    DaemonThreads.stopNow(running);
    try (Connection connection = database.dataSource().getConnection()) {
      bury(connection, LEAVE, List.of(database.nodeId()), "this server, stopping,");
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "This server could not take itself out of the shared rooms; the others will within {0}"
              + " s: {1}",
          new Object[] {settings.clusterNodeTimeoutSeconds(), e.getMessage()});
    }
  }

  /**
   * How many servers share the rooms and beat, this one included (1 when it is alone); asked of the
   * database at most once a second, so that stats scrapes do not each run a query.
   */
  public int nodesAlive() {
    if (!database.shared()) {
      return 1;
    }
    long now = System.nanoTime();
    if (now - aliveCountedAt > TimeUnit.SECONDS.toNanos(1)) {
      try (Connection connection = database.dataSource().getConnection();
          PreparedStatement count =
              connection.prepareStatement(
                  "select count(*) from chat_node"
                      + " where heartbeat_at > current_timestamp - ? * interval '1 millisecond'")) {
        count.setLong(1, staleMillis());
        try (ResultSet result = count.executeQuery()) {
          result.next();
          alive = Math.max(1, result.getInt(1));
        }
      } catch (SQLException e) {
        alive = 1; // cut off: as far as this server can tell, it is alone
      }
      aliveCountedAt = now;
    }
    return alive;
  }

  private long beatMillis() {
    return settings.clusterNodeTimeoutSeconds() * 1000L / 6;
  }

  /** How old a stamp may be before its server is taken for dead. */
  private long staleMillis() {
    return settings.clusterNodeTimeoutSeconds() * 1000L - 2 * beatMillis();
  }

  private void beat() {
    long now = System.nanoTime();
    try (Connection connection = database.dataSource().getConnection()) {
      try (PreparedStatement stamp =
          connection.prepareStatement(
              "update chat_node set heartbeat_at = current_timestamp where id = ?")) {
        stamp.setString(1, database.nodeId());
        if (stamp.executeUpdate() == 0) {
          directory.register();
          if (stamped) {
            LOG.warning(
                "The other servers took this one for dead while it was cut off; it is back");
            registry.reclaimMembers();
          }
        }
        stamped = true;
      }
      directory.retryReleases();
      if (connectedSince < 0) {
        connectedSince = now;
      } else if (TimeUnit.NANOSECONDS.toMillis(now - connectedSince) >= staleMillis()) {
        bury(
            connection,
            REAP,
            List.of(database.nodeId(), staleMillis(), staleMillis()),
            "servers that stopped beating");
      }
    } catch (SQLException | RuntimeException e) {
      if (connectedSince >= 0) {
        LOG.log(Level.WARNING, "This server''s heartbeat failed: {0}", e.getMessage());
      }
      connectedSince = -1;
    }
  }

  /** Deletes servers and their members, with a logout each, in one transaction. */
  private void bury(Connection connection, String sql, List<Object> parameters, String whose)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      Map<String, List<String[]>> goneByRoom = new LinkedHashMap<>();
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          delete.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet result = delete.executeQuery()) {
          while (result.next()) {
            goneByRoom
                .computeIfAbsent(result.getString(1), room -> new ArrayList<>())
                .add(new String[] {result.getString(2), result.getString(3)});
          }
        }
      }
      for (Map.Entry<String, List<String[]>> room : goneByRoom.entrySet()) {
        logouts(connection, room.getKey(), room.getValue());
      }
      connection.commit();
      if (!goneByRoom.isEmpty()) {
        LOG.log(
            Level.INFO,
            "Took {0} member(s) of {1} out of {2} room(s)",
            new Object[] {
              goneByRoom.values().stream().mapToInt(List::size).sum(), whose, goneByRoom.size()
            });
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** One logout event per member gone, numbered from the room's row, and one notification. */
  private void logouts(Connection connection, String room, List<String[]> gone)
      throws SQLException {
    long last;
    long afterLine;
    try (PreparedStatement number =
        connection.prepareStatement(
            "update chat_room set last_presence_id = last_presence_id + ? where name = ?"
                + " returning last_presence_id, last_line_id")) {
      number.setLong(1, gone.size());
      number.setString(2, room);
      try (ResultSet result = number.executeQuery()) {
        if (!result.next()) {
          return; // no such room: nothing was numbered in it
        }
        last = result.getLong(1);
        afterLine = result.getLong(2);
      }
    }
    long at = System.currentTimeMillis();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into chat_presence (room, id, after_line, change, nickname, node_id, at)"
                + " values (?, ?, ?, 'L', ?, ?, ?)")) {
      long id = last - gone.size() + 1;
      for (String[] member : gone) {
        insert.setString(1, room);
        insert.setLong(2, id++);
        insert.setLong(3, afterLine);
        insert.setString(4, member[0]);
        insert.setString(5, member[1]);
        insert.setLong(6, at);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    // Sent as nobody's ('-'): this server's own rooms must read these logouts too.
    try (PreparedStatement notify =
        connection.prepareStatement("select pg_notify('chatroom', ?) is null")) {
      notify.setString(1, "P|" + last + "|-|" + room);
      notify.execute();
    }
  }
}
