package org.chatroom.store;

import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tomcat: the driver in {@code lib/} and a {@code <Resource>} in the WAR's context file. */
class TomcatDataSourceIT extends DataSourceContract {

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final TomcatServer tomcat =
      new TomcatServer().withLibrary(driverJar()).withContextXml(() -> dataSourceOn(postgres));

  /**
   * The context file of a Tomcat whose {@code jdbc/chatroom} is a DBCP pool on {@code postgres}.
   */
  static String dataSourceOn(PostgresServer postgres) {
    return """
        <Context>
          <Resource name="jdbc/chatroom" auth="Container" type="javax.sql.DataSource"
                    driverClassName="org.postgresql.Driver" url="%s"
                    username="%s" password="%s" maxTotal="4" maxWaitMillis="3000"/>
        </Context>
        """
        .formatted(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  @Override
  PostgresServer postgres() {
    return postgres;
  }

  @Override
  ServerProcess<?> server() {
    return tomcat;
  }
}
