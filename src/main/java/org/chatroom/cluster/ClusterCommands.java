package org.chatroom.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.store.ChatDatabase;

/**
 * An operator's commands across the servers sharing rooms. The server the operator is attached to
 * acts on its own members itself, and leaves the command in {@code chat_command} with a {@code
 * NOTIFY}; every other server (or the one it names) runs it on its own members. A command is run
 * once per server: by its notification, or by the listener's poll if that was lost.
 */
@ApplicationScoped
public class ClusterCommands {

  private static final Logger LOG = Logger.getLogger(ClusterCommands.class.getName());

  /** How long a command may be late and still run; older ones are forgotten. */
  private static final int FRESH_SECONDS = 120;

  /** A command, as {@link #issue issued}. */
  public record Command(
      long id, String kind, String room, String connectionId, long lineId, String text) {}

  private static final String COLUMNS = "id, kind, room, connection_id, line_id, text";

  private ChatDatabase database;
  private volatile Consumer<Command> handler = command -> {};

  /** Commands run here (or there before this server started), by id, with when (nanoTime). */
  private final Map<Long, Long> done = new ConcurrentHashMap<>();

  private volatile boolean baselined;

  /** For CDI's proxy only. */
  protected ClusterCommands() {}

  @Inject
  public ClusterCommands(ChatDatabase database) {
    this.database = database;
  }

  /** Whether there are other servers to tell: the rooms are shared. */
  public boolean active() {
    return database.shared();
  }

  /** What runs the others' commands here. */
  public void handleWith(Consumer<Command> handler) {
    this.handler = handler;
  }

  /**
   * Leaves a command for the other servers, or for one ({@code targetNode}); this server has acted
   * on its own members already.
   */
  public void issue(
      String kind, String room, String targetNode, String connectionId, long lineId, String text)
      throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "with c as (insert into chat_command (kind, room, target_node, connection_id,"
                    + " line_id, text, origin_node) values (?, ?, ?, ?, ?, ?, ?) returning id)"
                    + " select id, pg_notify('chatroom', 'C|' || id || '|' || ? || '|') is null"
                    + " from c")) {
      insert.setString(1, kind);
      insert.setString(2, room);
      insert.setString(3, targetNode);
      insert.setString(4, connectionId);
      insert.setLong(5, lineId);
      insert.setString(6, text);
      insert.setString(7, database.nodeId());
      insert.setString(8, database.nodeId());
      try (ResultSet result = insert.executeQuery()) {
        result.next();
        done.put(result.getLong(1), System.nanoTime());
      }
    }
  }

  /** A command was issued (its notification); runs it if it is for this server. */
  void received(long id) {
    if (!done.containsKey(id)) {
      runNew(read(id));
    }
  }

  /** Runs the commands for this server that it has not run: notifications may have been lost. */
  void catchUp() {
    List<Command> fresh = read(null);
    if (baselined) {
      runNew(fresh);
    } else {
      // Whatever was issued before this server listened was for the servers of that time.
      fresh.forEach(command -> done.putIfAbsent(command.id(), System.nanoTime()));
      baselined = true;
    }
    long old = System.nanoTime() - TimeUnit.SECONDS.toNanos(2L * FRESH_SECONDS);
    done.values().removeIf(at -> at < old);
  }

  private void runNew(List<Command> commands) {
    for (Command command : commands) {
      if (done.putIfAbsent(command.id(), System.nanoTime()) == null) {
        try {
          handler.accept(command);
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "An operator''s {0} from another server failed here: {1}",
              new Object[] {command.kind(), e.getMessage()});
        }
      }
    }
  }

  /** This server's fresh commands: the one of that id, or all ({@code id} null); none if unread. */
  private List<Command> read(Long id) {
    List<Command> commands = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select "
                    + COLUMNS
                    + " from chat_command where origin_node <> ?"
                    + " and (target_node is null or target_node = ?)"
                    + " and issued_at > current_timestamp - interval '"
                    + FRESH_SECONDS
                    + " seconds'"
                    + (id == null ? "" : " and id = ?")
                    + " order by id")) {
      query.setString(1, database.nodeId());
      query.setString(2, database.nodeId());
      if (id != null) {
        query.setLong(3, id);
      }
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          commands.add(
              new Command(
                  result.getLong(1),
                  result.getString(2),
                  result.getString(3),
                  result.getString(4),
                  result.getLong(5),
                  result.getString(6)));
        }
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Operators'' commands could not be read: {0}", e.getMessage());
    }
    return commands;
  }
}
