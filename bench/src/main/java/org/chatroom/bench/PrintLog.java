package org.chatroom.bench;

import java.util.Locale;

/** Progress lines on standard error, so that standard output holds only the report. */
final class PrintLog {

  private final String server;

  PrintLog(String server) {
    this.server = server;
  }

  void info(String format, Object... args) {
    System.err.printf(
        Locale.ROOT,
        "[bench %s %6.1fs] %s%n",
        server,
        Clock.nanos() / 1e9,
        String.format(Locale.ROOT, format, args));
  }
}
