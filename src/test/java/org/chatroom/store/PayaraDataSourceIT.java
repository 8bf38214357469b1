package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.PayaraMicroServer;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.ServerProcess;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payara: the driver added to the server and a JDBC pool and resource made with the same {@code
 * asadmin} commands an operator types, here as Payara Micro's post-boot commands. Then a Tomcat
 * with its own DataSource on the same database joins it, and the two servers are one chat, through
 * a restart of the database too.
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

  @Test
  @Order(4)
  void aTomcatOnTheSameDatabaseSharesTheRoomsEvenThroughADatabaseRestart() throws Exception {
    TomcatServer tomcat =
        new TomcatServer()
            .onPort(ServerProcess.freePort(), "beside-payara")
            .withLibrary(driverJar())
            .withContextXml(() -> TomcatDataSourceIT.dataSourceOn(postgres));
    tomcat.prepare(Path.of("target", "page-tomcat", "PayaraDataSourceIT"));
    tomcat.start();
    try (ChatClient alice = ChatClient.login(payara.base().toURL(), "mixed", "alice");
        ChatClient bob = ChatClient.connect(tomcat.base().toURL(), "mixed")) {
      bob.expect("handshake");
      bob.send(Frames.login("bob"));
      assertEquals(List.of("alice", "bob"), Frames.users(bob.skipUntil("login", "bob")));
      alice.skipUntil("login", "bob");

      alice.say("from Payara");
      long first = Frames.id(alice.expect("user"));
      assertEquals(first, Frames.id(bob.expect("user")));
      bob.say("from Tomcat");
      long second = Frames.id(bob.expect("user"));
      assertEquals(second, Frames.id(alice.skipUntil("user", "bob")));
      assertEquals(first + 1, second, "one numbering for both servers");

      postgres.restart();
      // Each server finds its broken connections on first use: say it until it is stored.
      JsonObject again = bob.sayUntilStored("after the restart");
      assertEquals(second + 1, Frames.id(again), "no line numbered and then lost");
      JsonObject seen = alice.skipUntil("user", "bob");
      assertEquals(Frames.id(again), Frames.id(seen));
      assertEquals("after the restart", seen.getString("content"));
      try (ChatClient carol = ChatClient.login(payara.base().toURL(), "mixed", "carol")) {
        bob.skipUntil("login", "carol");
        assertEquals(
            List.of("alice", "bob", "carol"),
            Frames.users(carol.welcome()),
            "the members on both servers outlived the restart");
      }
    } finally {
      tomcat.stop();
    }
    tomcat.assertLogClean();
  }

  @Override
  PostgresServer postgres() {
    return postgres;
  }

  @Override
  ServerProcess<?> server() {
    return payara;
  }
}
