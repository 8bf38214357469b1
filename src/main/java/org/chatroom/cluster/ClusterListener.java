package org.chatroom.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.DaemonThreads;
import org.chatroom.room.RoomRegistry;
import org.chatroom.store.ChatDatabase;
import org.chatroom.store.LineNotice;

/**
 * This server's ear for the others sharing the database: one thread on a connection of its own
 * listens on PostgreSQL's {@code chatroom} channel, where every server's line writer announces a
 * room's new lines at commit, with the lines when they fit, and hands them to that room here if it
 * is open; a notice without its lines wakes the room, which reads them from the store. So that a
 * lost one (a dropped connection, a DataSource whose driver cannot listen) costs seconds and never
 * a line, the thread also asks the database every {@link #POLL_MILLIS} which open rooms are behind,
 * which also proves its connection alive. When the database goes away it reconnects by itself, and
 * reads what it missed.
 */
@ApplicationScoped
public class ClusterListener {

  private static final Logger LOG = Logger.getLogger(ClusterListener.class.getName());

  /** How often open rooms are compared with the database, whatever the notifications say. */
  public static final long POLL_MILLIS = 2_000;

  private static final int WAIT_MILLIS = 500;
  private static final long FIRST_RETRY_MILLIS = 250;
  private static final long LAST_RETRY_MILLIS = 5_000;

  /** What the listener is doing, for operators: {@code off} when this server is alone. */
  public enum State {
    OFF,
    LISTENING,
    POLLING,
    RECONNECTING
  }

  private ChatDatabase database;
  private RoomRegistry registry;
  private ClusterCommands commands;
  private Thread thread;
  private volatile boolean running;
  private volatile State state = State.OFF;

  /** For CDI's proxy only. */
  protected ClusterListener() {}

  @Inject
  public ClusterListener(ChatDatabase database, RoomRegistry registry, ClusterCommands commands) {
    this.database = database;
    this.registry = registry;
    this.commands = commands;
  }

  /** Starts listening if this server shares its rooms; does nothing otherwise. */
  public synchronized void start() {
    if (thread != null || !database.shared()) {
      return;
    }
    running = true;
    state = State.RECONNECTING;
    thread = DaemonThreads.named("chatroom-cluster-listener").newThread(this::run);
    thread.start();
  }

  /** Ends the thread and its connection; once (the application stops it before CDI would). */
  @PreDestroy
  public void stop() {
    Thread listening;
    synchronized (this) {
      listening = thread;
      thread = null;
      running = false;
    }
    if (listening != null) {
      try {
        listening.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    state = State.OFF;
  }

  public State state() {
    return state;
  }

  private void run() {
    long retry = FIRST_RETRY_MILLIS;
    String outage = null;
    while (running) {
      try (Connection connection = database.listenerConnection()) {
        PgNotifications notifications = listen(connection);
        if (outage != null) {
          LOG.info("The cluster listener is connected again");
          outage = null;
        }
        retry = FIRST_RETRY_MILLIS;
        state = notifications != null ? State.LISTENING : State.POLLING;
        registry.wakeAll(); // whatever was stored while nobody listened
        listen(connection, notifications);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        state = State.RECONNECTING;
        if (outage == null) {
          outage = String.valueOf(e.getMessage());
          LOG.log(
              Level.WARNING, "The cluster listener lost the database: {0}; reconnecting", outage);
        }
        pause(retry);
        retry = Math.min(retry * 2, LAST_RETRY_MILLIS);
      }
    }
  }

  private PgNotifications listen(Connection connection) throws SQLException {
    // Notifications arrive outside transactions only.
    connection.setAutoCommit(true);
    PgNotifications notifications = PgNotifications.of(connection);
    if (notifications == null) {
      LOG.log(
          Level.INFO,
          "The cluster listener cannot LISTEN through this DataSource; it asks the database every"
              + " {0} ms instead",
          POLL_MILLIS);
      return null;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("listen chatroom");
    }
    return notifications;
  }

  private void listen(Connection connection, PgNotifications notifications) throws SQLException {
    long nextPoll = System.nanoTime();
    while (running) {
      if (notifications != null) {
        for (String payload : notifications.await(WAIT_MILLIS)) {
          received(payload);
        }
      } else {
        pause(WAIT_MILLIS);
      }
      if (System.nanoTime() - nextPoll >= 0) {
        poll(connection);
        nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
      }
    }
  }

  /**
   * {@code L|<last line id>|<node>|<room>}: a room's lines up to that id are stored, and the notice
   * may carry them ({@link LineNotice}); {@code P|<event id>|<node>|<room>}: a login or logout;
   * {@code C|<id>|<node>|}: an operator's command; {@code T|<room's
   * length>|<node>|<room><nickname>}: someone typing. This server's own reached its rooms already.
   */
  private void received(String payload) {
    String[] parts = payload.split("\\|", 4);
    if (parts.length != 4 || parts[2].equals(database.nodeId())) {
      return;
    }
    try {
      long id = Long.parseLong(parts[1]);
      if ("L".equals(parts[0])) {
        LineNotice.Carried carried = LineNotice.read(parts[3]);
        if (carried.lines().isEmpty()) {
          registry.wake(carried.room(), id);
        } else {
          registry.offer(carried.room(), carried.lines());
        }
      } else if ("P".equals(parts[0])) {
        registry.wakeForEvent(parts[3], id);
      } else if ("C".equals(parts[0])) {
        commands.received(id);
      } else if ("T".equals(parts[0]) && id >= 0 && id < parts[3].length()) {
        registry.remoteTyping(parts[3].substring(0, (int) id), parts[3].substring((int) id));
      }
    } catch (NumberFormatException e) {
      LOG.log(Level.FINE, "A notification that is not ours: {0}", payload);
    }
  }

  /** Wakes every open room the database has later lines for; runs commands not yet run. */
  private void poll(Connection connection) throws SQLException {
    commands.catchUp();
    List<String> open = registry.openRoomNames();
    if (open.isEmpty()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("select 1"); // still proves the connection alive
      }
      return;
    }
    Array names = connection.createArrayOf("varchar", open.toArray(String[]::new));
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select name, last_line_id, last_presence_id from chat_room where name = any(?)")) {
      statement.setArray(1, names);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          registry.wake(result.getString(1), result.getLong(2));
          registry.wakeForEvent(result.getString(1), result.getLong(3));
        }
      }
    } finally {
      names.free();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
