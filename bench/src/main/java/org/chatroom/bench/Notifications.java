package org.chatroom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Counts the notifications on the servers' channel {@code chatroom}, which PostgreSQL keeps no
 * statistic of, through a psql that listens on it. psql prints what it was notified of only after
 * its next query's result, so a count sends two queries and counts up to the second one's answer.
 * The psql ends with this JVM (its input closes).
 */
final class Notifications {

  private static final String NOTIFIED = "Asynchronous notification \"chatroom\"";

  private final BufferedReader output;
  private final Writer commands;
  private long notified;
  private int marks;

  private Notifications(Process psql) {
    this.output =
        new BufferedReader(new InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8));
    this.commands = new OutputStreamWriter(psql.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** A listener on the database at {@code port}, listening once this returns. */
  static Notifications listen(Path psql, int port) throws IOException {
    Process process =
        new ProcessBuilder(DatabaseWork.psql(psql, port)).redirectErrorStream(true).start();
    Notifications listener = new Notifications(process);
    listener.commands.write("LISTEN chatroom;\n");
    listener.count();
    return listener;
  }

  /** The notifications received since the listener started. */
  synchronized long count() throws IOException {
    String mark = "counted-" + ++marks;
    commands.write("select 1;\nselect '" + mark + "';\n");
    commands.flush();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith(NOTIFIED)) {
        notified++;
      } else if (line.equals(mark)) {
        return notified;
      }
    }
    throw new IOException("the listening psql ended");
  }
}
