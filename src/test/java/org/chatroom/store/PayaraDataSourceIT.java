package org.chatroom.store;

import org.chatroom.testing.PayaraMicroServer;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payara: the driver added to the server and a JDBC pool and resource made with the same {@code
 * asadmin} commands an operator types, here as Payara Micro's post-boot commands.
 */
class PayaraDataSourceIT extends DataSourceContract {

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final PayaraMicroServer payara =
      new PayaraMicroServer()
          .withLibrary(driverJar())
          .withPostBootCommands(
              () -> {
                String port = postgres.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
                // As the README advises: validate connections and give up on a dead database
                // in seconds (Payara's default wait is a minute, and no validation).
                return "create-jdbc-connection-pool --datasourceclassname"
                    + " org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource"
                    + " --isconnectvalidatereq=true --validationmethod=custom-validation"
                    + " --validationclassname"
                    + " org.glassfish.api.jdbc.validation.PostgresConnectionValidation"
                    + " --failconnection=true --maxwait=3000"
                    + " --property user="
                    + postgres.user()
                    + ":password="
                    + postgres.password()
                    + ":serverName=127.0.0.1:portNumber="
                    + port
                    + ":databaseName=chatroom chatroom-pool\n"
                    + "create-jdbc-resource --connectionpoolid chatroom-pool jdbc/chatroom\n";
              })
          // The pool's own warnings while the test keeps the database away (no stack trace).
          .expecting("RAR5038:Unexpected exception while creating resource|RAR5117 : Failed to");

  @Override
  PostgresServer postgres() {
    return postgres;
  }

  @Override
  ServerProcess<?> server() {
    return payara;
  }
}
