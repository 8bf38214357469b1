package org.chatroom.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The servers' own command-line administration tools, as the README tells an operator to use them:
 * Payara Server's {@code asadmin} and WildFly's {@code jboss-cli.sh}, pointed at the servers the
 * failsafe executions run (their homes come as system properties).
 */
public final class AdminTools {

  private AdminTools() {}

  /** {@code asadmin --port 18448 ARGS}; its output; fails the test if the command fails. */
  public static String asadmin(String... arguments) throws Exception {
    Path home = Path.of(System.getProperty("chatroom.payara.home"));
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin").resolve("asadmin").toString());
    command.addAll(List.of("--port", "18448"));
    command.addAll(List.of(arguments));
    return run(home, command);
  }

  /** {@code jboss-cli.sh --connect --command=COMMAND} against the test's WildFly. */
  public static String jbossCli(String operation) throws Exception {
    Path home = Path.of(System.getProperty("chatroom.wildfly.home"));
    return run(
        home,
        List.of(
            home.resolve("bin").resolve("jboss-cli.sh").toString(),
            "--connect",
            "--controller=127.0.0.1:20390",
            "--command=" + operation));
  }

  /**
   * A file for Payara's {@code create-file-user --passwordfile}: Payara takes a user's password
   * from a file only ({@code AS_ADMIN_USERPASSWORD=...}). Deleted when the tests end.
   */
  public static Path payaraPasswordFile(String password) {
    try {
      Path file = Files.createTempFile("chatroom-operator", ".password");
      file.toFile().deleteOnExit();
      Files.writeString(file, "AS_ADMIN_USERPASSWORD=" + password + "\n", StandardCharsets.UTF_8);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** WildFly's {@code bin/add-user.sh ARGS} (it writes the realm's properties files). */
  public static String addUser(String... arguments) throws Exception {
    Path home = Path.of(System.getProperty("chatroom.wildfly.home"));
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin").resolve("add-user.sh").toString());
    command.addAll(List.of(arguments));
    return run(home, command);
  }

  private static String run(Path home, List<String> command) throws Exception {
    return ServerTool.run(home, System.getProperty("java.home"), Map.of(), command);
  }
}
