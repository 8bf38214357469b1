package org.chatroom.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.LineStore;
import org.chatroom.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store on a real PostgreSQL 15, emptied before each test. */
class PostgresLineStoreIT extends JdbcLineStoreTest {

  @RegisterExtension static final PostgresServer postgres = PostgresServer.create();

  @Override
  protected LineStore store() {
    LineStore store =
        open(
            Map.of(
                ChatSettings.DB_URL, postgres.jdbcUrl(),
                ChatSettings.DB_USER, postgres.user(),
                ChatSettings.DB_PASSWORD, postgres.password()));
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("delete from chat_line");
      statement.executeUpdate("delete from chat_room");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return store;
  }
}
