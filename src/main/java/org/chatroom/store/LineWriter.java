package org.chatroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.chatroom.platform.DaemonThreads;
import org.chatroom.room.Line;
import org.chatroom.room.StoreException;

/**
 * The one thread of this server that writes lines. It takes every line waiting, numbers them per
 * room and stores them in one transaction (a group commit: one commit for many lines however many
 * people talk), then reports them in order. A room's next number comes from its {@code chat_room}
 * row, locked for the transaction, so numbers never skip even when a transaction fails, and servers
 * sharing the database take turns per room: a room's lines commit in the order of their numbers.
 */
final class LineWriter {

  private static final Logger LOG = Logger.getLogger(LineWriter.class.getName());

  /**
   * Lines per transaction at most. A batch is also a burst that every member's outbox takes at
   * once, so it stays well under the default outbox limit (8,192 frames). Fewer, larger commits
   * matter for H2, whose commit work runs on the server's own cores (the bench: 0.68x of the
   * in-memory room's lines/s with 128, 0.85x with 512).
   */
  private static final int MAX_BATCH = 512;

  private record Pending(
      Line.Draft draft, Consumer<Line> stored, Consumer<StoreException> failed) {}

  private final DataSource database;
  private final Numbering numbering;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  LineWriter(DataSource database, Numbering numbering) {
    this.database = database;
    this.numbering = numbering;
    this.thread = DaemonThreads.named("chatroom-line-writer").newThread(this::run);
    thread.start();
  }

  void submit(Line.Draft draft, Consumer<Line> stored, Consumer<StoreException> failed) {
    if (!running) {
      failed.accept(new StoreException("The chat room is shutting down", null));
      return;
    }
    queue.add(new Pending(draft, stored, failed));
  }

  /** Writes what is queued, then ends the thread: it must not outlive the application. */
  void stop() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(p -> p.failed().accept(new StoreException("The chat room stopped", null)));
  }

  private void run() {
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A callback's fault must not end the writer of every room.
        LOG.log(Level.WARNING, "The line writer hit an error; it goes on", e);
      }
    }
  }

  private void write(List<Pending> batch) {
    List<Line> lines;
    try {
      lines = store(batch);
    } catch (SQLException e) {
      StoreException failure =
          new StoreException("The lines could not be stored: " + e.getMessage(), e);
      LOG.log(
          Level.WARNING,
          "{0} line(s) could not be stored: {1}",
          new Object[] {batch.size(), e.getMessage()});
      batch.forEach(p -> p.failed().accept(failure));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).stored().accept(lines.get(i));
    }
  }

  private List<Line> store(List<Pending> batch) throws SQLException {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try {
        List<Line> lines = number(connection, batch);
        insert(connection, lines);
        numbering.announce(connection, lines);
        connection.commit();
        return lines;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private List<Line> number(Connection connection, List<Pending> batch) throws SQLException {
    Map<String, Integer> counts = new TreeMap<>(); // name order: no deadlock between servers
    for (Pending pending : batch) {
      counts.merge(pending.draft().room(), 1, Integer::sum);
    }
    Map<String, Long> next = numbering.firstIds(connection, counts);
    List<Line> lines = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      long id = next.merge(pending.draft().room(), 1L, Long::sum) - 1;
      lines.add(pending.draft().numbered(id));
    }
    return lines;
  }

  private static void insert(Connection connection, List<Line> lines) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into chat_line (room, id, nickname, text, said_at) values (?, ?, ?, ?, ?)")) {
      for (Line line : lines) {
        insert.setString(1, line.room());
        insert.setLong(2, line.id());
        insert.setString(3, line.nickname());
        insert.setString(4, line.text());
        insert.setLong(5, line.time());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
