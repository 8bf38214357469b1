package org.chatroom.store;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the pool's warning about a connection the database broke to one line. When PostgreSQL
 * restarts, HikariCP warns once for every connection that was in use, each time with the driver's
 * whole stack trace: dozens of lines per connection for an event the operator already reads as
 * "lines could not be stored" from the store. The warning stays, with its SQL state and the
 * driver's message; only the trace goes.
 */
final class PoolWarnings {

  /** Held here so that the filter set on it is not lost with a collected logger. */
  private static final Logger BROKEN_CONNECTION =
      Logger.getLogger("com.zaxxer.hikari.pool.ProxyConnection");

  private static final Filter WITHOUT_TRACE = PoolWarnings::withoutTrace;

  private PoolWarnings() {}

  static void shorten() {
    BROKEN_CONNECTION.setFilter(WITHOUT_TRACE);
  }

  /** On Payara the logger outlives the application: leave nothing of ours on it. */
  static void restore() {
    if (BROKEN_CONNECTION.getFilter() == WITHOUT_TRACE) {
      BROKEN_CONNECTION.setFilter(null);
    }
  }

  private static boolean withoutTrace(LogRecord record) {
    Throwable thrown = record.getThrown();
    if (thrown != null && record.getLevel().intValue() <= Level.WARNING.intValue()) {
      record.setMessage(record.getMessage() + ": " + thrown.getMessage());
      record.setThrown(null);
    }
    return true;
  }
}
