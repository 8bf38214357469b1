package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The helper must give a real server whose data outlives a restart, and nothing once stopped. */
class PostgresServerIT {

  @RegisterExtension static final PostgresServer shared = PostgresServer.create();

  @Test
  void keepsRowsAcrossARestartAndRefusesConnectionsOnceStopped() throws SQLException {
    PostgresServer postgres = PostgresServer.start();
    try (postgres) {
      try (Connection connection = connect(postgres);
          Statement statement = connection.createStatement()) {
        statement.execute("create table line (id serial primary key, text text not null)");
        statement.execute("insert into line (text) values ('h\u00e9llo \u2713')");
      }
      postgres.restart();
      assertEquals("h\u00e9llo \u2713", onlyLine(postgres));
    }
    assertThrows(SQLException.class, () -> connect(postgres).close());
  }

  @Test
  void staysAwayUntilBroughtBack() throws SQLException {
    shared.takeDown();
    try {
      assertThrows(SQLException.class, () -> connect(shared).close());
    } finally {
      shared.bringBack();
    }
    connect(shared).close();
  }

  @Test
  void refusesAWrongPassword() {
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(shared.jdbcUrl(), shared.user(), "wrong").close());
  }

  private static Connection connect(PostgresServer postgres) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  private static String onlyLine(PostgresServer postgres) throws SQLException {
    try (Connection connection = connect(postgres);
        ResultSet rows = connection.createStatement().executeQuery("select text from line")) {
      assertTrue(rows.next(), "the line is there");
      String text = rows.getString(1);
      assertFalse(rows.next(), "one line only");
      return text;
    }
  }
}
