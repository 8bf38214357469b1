package org.chatroom.store;

import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tomcat given only {@code chatroom.db.*} settings: the driver and the pool the WAR carries reach
 * PostgreSQL from the web application's class loader, and give up quickly while it is down.
 */
class TomcatDatabaseUrlIT extends DatabaseContract {

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final TomcatServer tomcat =
      new TomcatServer()
          .withOptions(postgres::serverOptions)
          // The pool's one line per connection the outage broke (see PostgresClusterIT).
          .expecting("ProxyConnection.checkException chatroom - Connection .* marked as broken");

  @Override
  PostgresServer postgres() {
    return postgres;
  }

  @Override
  ServerProcess<?> server() {
    return tomcat;
  }

  @Override
  String keptIn() {
    return postgres.jdbcUrl();
  }
}
