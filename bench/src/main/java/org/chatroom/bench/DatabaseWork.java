package org.chatroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the server's PostgreSQL did during a measured phase, from two snapshots taken with psql as
 * its superuser: the lines its rooms numbered (the growth of {@code chat_room.last_line_id}), the
 * write transactions (the growth of the next transaction id, which read-only transactions never
 * take) and, when pg_stat_statements is loaded, the statements run in the chatroom database.
 * Counters that need no statistics flush: {@code pg_stat_database.xact_commit} reaches its view
 * only when a backend flushes its statistics, which an idle one may do 10 s late. And the
 * notifications the servers sent each other, counted by a listener of its own ({@link
 * Notifications}).
 */
final class DatabaseWork {

  /** No database to watch (H2, Node): every snapshot is null. */
  static final DatabaseWork NONE = new DatabaseWork(null, 0);

  private static final String COUNTERS =
      "select (select coalesce(sum(last_line_id), 0) from chat_room),"
          + " pg_snapshot_xmax(pg_current_snapshot())";
  private static final String STATEMENTS =
      "select coalesce(sum(calls), 0) from pg_stat_statements"
          + " where dbid = (select oid from pg_database where datname = current_database())";

  private final Path psql;
  private final int port;
  private Notifications notifications;

  DatabaseWork(Path psql, int port) {
    this.psql = psql;
    this.port = port;
  }

  /** The counters now, or null without a database or if psql failed (the figure is optional). */
  Snapshot snapshot() {
    if (psql == null) {
      return null;
    }
    try {
      Process process =
          new ProcessBuilder(command("-F", " ", "-c", COUNTERS, "-c", STATEMENTS))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
      if (lines.isEmpty()) {
        return null;
      }
      String[] counters = lines.get(0).trim().split(" ");
      // Without pg_stat_statements the second query fails and prints nothing.
      long statements = lines.size() > 1 ? Long.parseLong(lines.get(1).trim()) : -1;
      return new Snapshot(
          Long.parseLong(counters[0]), Long.parseLong(counters[1]), statements, notified());
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private List<String> command(String... arguments) {
    List<String> command = new ArrayList<>(psql(psql, port));
    command.addAll(List.of(arguments));
    return command;
  }

  /** psql on the bench's database as its superuser, unaligned, tuples only, no psqlrc. */
  static List<String> psql(Path psql, int port) {
    return List.of(
        psql.toString(),
        "-X",
        "-q",
        "-A",
        "-t",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(port),
        "-U",
        "postgres",
        "-d",
        "chatroom");
  }

  /** The notifications counted so far, or -1 if the listener could not start. */
  private long notified() {
    try {
      if (notifications == null) {
        notifications = Notifications.listen(psql, port);
      }
      return notifications.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The work between two snapshots, or null if either is missing. */
  static Delta between(Snapshot before, Snapshot after) {
    if (before == null || after == null) {
      return null;
    }
    return new Delta(
        after.lines - before.lines,
        after.nextXid - before.nextXid,
        before.statements < 0 || after.statements < 0
            ? -1
            // less the snapshots' own: the first one's second query and its count of
            // notifications (two queries), the last one's first
            : after.statements - before.statements - 2 - (before.notifications < 0 ? 0 : 2),
        before.notifications < 0 || after.notifications < 0
            ? -1
            : after.notifications - before.notifications);
  }

  record Snapshot(long lines, long nextXid, long statements, long notifications) {}

  /**
   * @param lines lines the rooms numbered
   * @param transactions write transactions
   * @param statements statements, or -1 without pg_stat_statements
   * @param notifications notifications on the channel {@code chatroom}, or -1 if not counted
   */
  record Delta(long lines, long transactions, long statements, long notifications) {

    double transactionsPerLine() {
      return lines <= 0 ? -1 : transactions / (double) lines;
    }

    double statementsPerLine() {
      return lines <= 0 || statements < 0 ? -1 : statements / (double) lines;
    }

    double notificationsPerLine() {
      return lines <= 0 || notifications < 0 ? -1 : notifications / (double) lines;
    }

    /** Into the results under {@code prefix} ("rooms." or "broadcast.500."). */
    void put(Results results, String prefix) {
      results.put(prefix + "db_lines", lines);
      results.put(prefix + "db_transactions_per_line", transactionsPerLine());
      if (statements >= 0) {
        results.put(prefix + "db_statements_per_line", statementsPerLine());
      }
      if (notifications >= 0) {
        results.put(prefix + "db_notifications_per_line", notificationsPerLine());
      }
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "PostgreSQL numbered %d lines in %d write transactions (%.3f per line)%s; %d"
              + " notifications (%.3f per line)",
          lines,
          transactions,
          transactionsPerLine(),
          statements < 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  " with %d statements (%.3f per line)",
                  statements,
                  statementsPerLine()),
          notifications,
          notificationsPerLine());
    }
  }
}
