package org.chatroom.cluster;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The notifications PostgreSQL's driver has received on a connection. The driver may be the WAR's
 * own or the server's (a container DataSource), whose classes this application's class loader does
 * not see, so it is called by reflection, through whichever loader knows it.
 */
final class PgNotifications {

  private static final String CONNECTION = "org.postgresql.PGConnection";
  private static final String NOTIFICATION = "org.postgresql.PGNotification";

  private final Object connection;
  private final Method await;
  private final Method parameter;

  private PgNotifications(Object connection, Method await, Method parameter) {
    this.connection = connection;
    this.await = await;
    this.parameter = parameter;
  }

  /** The driver's notifications of that connection; null if it is not PostgreSQL's driver. */
  static PgNotifications of(Connection connection) {
    for (ClassLoader loader : candidates(connection)) {
      try {
        Class<?> type = Class.forName(CONNECTION, false, loader);
        if (!connection.isWrapperFor(type)) {
          continue;
        }
        Class<?> notification = Class.forName(NOTIFICATION, false, loader);
        return new PgNotifications(
            connection.unwrap(type),
            type.getMethod("getNotifications", int.class),
            notification.getMethod("getParameter"));
      } catch (ClassNotFoundException | NoSuchMethodException | SQLException e) {
        // not this loader's driver
      }
    }
    return null;
  }

  /** The payloads received, waiting up to {@code millis} for the first; none if none came. */
  List<String> await(int millis) throws SQLException {
    try {
      Object received = await.invoke(connection, millis);
      List<String> payloads = new ArrayList<>();
      for (int i = 0; received != null && i < Array.getLength(received); i++) {
        payloads.add((String) parameter.invoke(Array.get(received, i)));
      }
      return payloads;
    } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
      // A container's wrapper may hand the driver's SQLException on inside its own exceptions.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SQLException failure) {
          throw failure;
        }
      }
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new SQLException("Notifications could not be read: " + root.getMessage(), root);
    }
  }

  private static Set<ClassLoader> candidates(Connection connection) {
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    loaders.add(PgNotifications.class.getClassLoader());
    loaders.add(connection.getClass().getClassLoader());
    try {
      loaders.add(connection.getMetaData().getClass().getClassLoader());
    } catch (SQLException e) {
      // the connection's own loader and ours are tried
    }
    loaders.add(Thread.currentThread().getContextClassLoader());
    loaders.removeIf(Objects::isNull);
    return loaders;
  }
}
