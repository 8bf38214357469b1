package org.chatroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, so JDBC code meets the server
 * it will meet in production without Docker. Each server has its own free loopback port and a fresh
 * data directory under {@code target/postgres}, deleted on {@link #stop()}. PostgreSQL refuses to
 * run as root, as the build machines' tests do, so there it runs as the package's {@code postgres}
 * user. Only that superuser is trusted: the {@code chatroom} user must give its password, so a
 * wrong one fails as it would in production.
 *
 * <pre>
 * &#64;RegisterExtension // static: started before the class's tests, stopped after them
 * static final PostgresServer postgres = PostgresServer.create();
 *
 * try (PostgresServer postgres = PostgresServer.start()) { ... }
 * </pre>
 *
 * {@link #takeDown()} and {@link #bringBack()} keep the port and data, for tests of a database that
 * goes away for a while and comes back.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

  /** A test run killed halfway would otherwise leave the server holding its port. */
  private final Thread onExit = new Thread(this::takeDown);

  private Path bin;
  private Path data;
  private int port;
  private boolean running;
  private String startedBy;

  private PostgresServer() {}

  /** Not started yet: for {@code @RegisterExtension}. */
  public static PostgresServer create() {
    return new PostgresServer();
  }

  public static PostgresServer start() {
    PostgresServer server = new PostgresServer();
    server.begin();
    return server;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/chatroom";
  }

  public String user() {
    return "chatroom";
  }

  public String password() {
    return "chatroom";
  }

  /** The JVM options that point a chat server at this database, as an operator sets them. */
  public List<String> serverOptions() {
    return List.of(
        "-Dchatroom.db.url=" + jdbcUrl(),
        "-Dchatroom.db.user=" + user(),
        "-Dchatroom.db.password=" + password());
  }

  /** How many lines of the chat room's table say exactly this, asked as its user. */
  public int linesSaying(String text) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password());
        PreparedStatement count =
            connection.prepareStatement("select count(*) from chat_line where text = ?")) {
      count.setString(1, text);
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  /** How many times statements that begin with this text ran so far, whoever ran them. */
  public long statementCalls(String start) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        PreparedStatement calls =
            connection.prepareStatement(
                "select coalesce(sum(calls), 0) from pg_stat_statements where query like ?")) {
      calls.setString(1, start.replace("%", "\\%").replace("_", "\\_") + "%");
      try (ResultSet result = calls.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** A fast stop (open sessions are cut) then a start on the same port and data. */
  public void restart() {
    takeDown();
    bringBack();
  }

  /** A fast stop that keeps the port and data for {@link #bringBack()}. */
  public void takeDown() {
    if (running) {
      run("pg_ctl", "-m", "fast", "-w", "stop");
      running = false;
    }
  }

  public void bringBack() {
    if (!running) {
      // pg_stat_statements: tests count the statements the chat servers make.
      String options =
          "-p "
              + port
              + " -k /tmp -c listen_addresses=127.0.0.1"
              + " -c shared_preload_libraries=pg_stat_statements";
      run("pg_ctl", "-l", data.resolve("pg.log").toString(), "-o", options, "-w", "start");
      running = true;
    }
  }

  /** A fast stop, then the data is deleted. */
  public void stop() {
    if (data != null) {
      try {
        takeDown();
      } finally {
        Runtime.getRuntime().removeShutdownHook(onExit);
        delete(data);
        data = null;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Extensions of a class are inherited by its @Nested classes: one server serves them all.
    if (startedBy == null) {
      startedBy = context.getUniqueId();
      begin();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      startedBy = null;
      stop();
    }
  }

  private void begin() {
    bin = binaries();
    try {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = probe.getLocalPort();
      }
      Path parent = Files.createDirectories(Path.of("target", "postgres").toAbsolutePath());
      data = Files.createTempDirectory(parent, "data");
      Runtime.getRuntime().addShutdownHook(onExit);
      if (ROOT) {
        var users = data.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("postgres"));
      }
      // UTF8 without the machine's locale: the C locale's default, SQL_ASCII, takes any bytes.
      run("initdb", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
      Files.writeString(
          data.resolve("pg_hba.conf"),
          "host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
      bringBack();
      String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("create user chatroom password 'chatroom'");
        statement.execute("create database chatroom owner chatroom");
      }
      try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("create extension pg_stat_statements");
      }
    } catch (IOException | SQLException | RuntimeException e) {
      IllegalStateException failure =
          e instanceof IllegalStateException known
              ? known
              : new IllegalStateException("PostgreSQL did not start" + logTail(), e);
      try {
        stop();
      } catch (RuntimeException alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      throw failure;
    }
  }

  /** The newest major version installed, as a developer's machine may have moved past 15. */
  private static Path binaries() {
    try (Stream<Path> versions = Files.isDirectory(VERSIONS) ? Files.list(VERSIONS) : Stream.of()) {
      return versions
          .filter(version -> version.getFileName().toString().matches("\\d+"))
          .filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(version -> version.resolve("bin"))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No PostgreSQL server in /usr/lib/postgresql/*/bin:"
                          + " apt-get install postgresql"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** initdb or pg_ctl on the data, as its owner; output to a file so that no pipe can fill up. */
  private void run(String program, String... arguments) {
    List<String> line =
        new ArrayList<>(ROOT ? List.of("runuser", "-u", "postgres", "--") : List.of());
    line.addAll(List.of(bin.resolve(program).toString(), "-D", data.toString()));
    line.addAll(List.of(arguments));
    String command = String.join(" ", line);
    try {
      Path output = Files.createTempFile("postgres", ".out");
      try {
        Process process =
            new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command + " timed out" + logTail());
        }
        if (process.exitValue() != 0) {
          String said = Files.readString(output);
          throw new IllegalStateException(command + " failed:\n" + said + logTail());
        }
      } finally {
        Files.delete(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command + " interrupted", e);
    }
  }

  /** The server's own account of a failure is at the end of its log. */
  private String logTail() {
    Path log = data == null ? Path.of("none") : data.resolve("pg.log");
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      List<String> tail = lines.subList(Math.max(0, lines.size() - 20), lines.size());
      return tail.isEmpty() ? "" : "\nThe end of " + log + ":\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "\n" + e;
    }
  }

  private static void delete(Path path) {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
