package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server serving the built WAR, run as a child process so that a test can stop it (SIGTERM),
 * kill it ({@code kill -9}) and start it again like an operator would, its console in a file.
 * Registered as a static extension it lays out a fresh server under {@code
 * target/page-<server>/<test class>}, starts it before the class, and after the class stops it and
 * fails if the server printed a stack trace or a SEVERE line.
 */
public abstract class ServerProcess<S extends ServerProcess<S>>
    implements BeforeAllCallback, AfterAllCallback {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The trouble {@code org.chatroom.testing.ServerLog} looks for in a container's console. */
  private static final Pattern TROUBLE =
      Pattern.compile("SEVERE|[\\w$]+(Exception|Error)\\b|^\\s+at [\\w.$]+\\(", Pattern.MULTILINE);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Path home;
  private Path console;
  private Process process;
  private Supplier<List<String>> options = List::of;
  private final List<Path> libraries = new ArrayList<>();
  private final List<Pattern> expected = new ArrayList<>();

  /**
   * JVM options of the server, such as {@code -Dchatroom.db.url=...}, asked for when it starts (so
   * they may name a database that another extension started first).
   */
  public S withOptions(Supplier<List<String>> jvmOptions) {
    this.options = jvmOptions;
    return self();
  }

  /** A jar for the server's own class path, such as the JDBC driver of a container DataSource. */
  public S withLibrary(Path jar) {
    libraries.add(jar);
    return self();
  }

  /**
   * Log lines a test provokes on purpose and the server rightly prints, such as a connection pool's
   * warnings while the test keeps the database away; they are not counted as trouble.
   */
  public S expecting(String regex) {
    expected.add(Pattern.compile(regex));
    return self();
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  /** The JVM options given with {@link #withOptions}. */
  protected List<String> options() {
    return options.get();
  }

  /** The jars given with {@link #withLibrary}. */
  protected List<Path> libraries() {
    return libraries;
  }

  /** The server's name in messages and in the folder of its files. */
  protected abstract String name();

  /** Lays out the server's files under {@code home}; the WAR is {@link #war()}. */
  protected abstract void layOut(Path home) throws IOException;

  /** The command that starts the server in {@code home}. */
  protected abstract List<String> command(Path home) throws IOException;

  /** The room page's URL, which answers 200 once the server is up. */
  public abstract URI base();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    prepare(Path.of("target", "page-" + name(), context.getRequiredTestClass().getSimpleName()));
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    assertLogClean();
  }

  /** A fresh folder for the server, then its files. */
  public void prepare(Path dir) throws IOException {
    TomcatServer.deleteRecursively(dir);
    home = Files.createDirectories(dir).toAbsolutePath();
    console = home.resolve("console.log");
    layOut(home);
  }

  /** Starts the server and waits until the room page answers. */
  public void start() throws Exception {
    if (isRunning()) {
      throw new IllegalStateException(name() + " is already running");
    }
    process =
        new ProcessBuilder(command(home))
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
            .start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    awaitPage();
  }

  /** Stops the server the way a service manager does (SIGTERM), and waits until it is gone. */
  public void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      fail(name() + " did not stop within " + STOP_TIMEOUT);
    }
    process = null;
  }

  /** Kills the server as a crash or {@code kill -9} would: no shutdown, nothing flushed. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
      process = null;
    }
  }

  /** A port free on the loopback now, for a test that runs several servers. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's process id, for tools that attach to it (JMX). */
  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The server's own folder. */
  public Path home() {
    return home;
  }

  public Path console() {
    return console;
  }

  /** Fails if the server printed a stack trace, an exception or a SEVERE line. */
  public void assertLogClean() throws IOException {
    String log = Files.readString(console, StandardCharsets.UTF_8);
    assertTrue(log.contains("chatroom"), "Nothing about the WAR in the server log: " + console);
    List<String> trouble =
        log.lines()
            .filter(line -> TROUBLE.matcher(line).find())
            .filter(line -> expected.stream().noneMatch(allowed -> allowed.matcher(line).find()))
            .collect(Collectors.toList());
    assertEquals(
        List.of(), trouble, () -> "The server logged trouble (see " + console + "):\n" + trouble);
  }

  /** The WAR the build made. */
  protected static Path war() {
    Path war = Path.of(System.getProperty("chatroom.war", "target/chatroom.war"));
    assertTrue(Files.isRegularFile(war), () -> "No WAR at " + war.toAbsolutePath() + "; package");
    return war.toAbsolutePath();
  }

  /** The java command of this JVM, for a server on the same JDK. */
  protected static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private void awaitPage() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    int lastStatus = -1;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail(name() + " exited with " + process.exitValue() + " while starting:\n" + tail());
      }
      try {
        lastStatus =
            HTTP.send(
                    // A starting server may take long to answer; a client that gives up first
                    // makes Payara log the write to the closed connection as an error.
                    HttpRequest.newBuilder(base()).timeout(Duration.ofSeconds(90)).build(),
                    BodyHandlers.discarding())
                .statusCode();
        if (lastStatus == 200) {
          return;
        }
      } catch (ConnectException | java.net.http.HttpTimeoutException notYet) {
        // Not listening yet.
      } catch (IOException notYet) {
        // Connection reset while the connector comes up.
      }
      // Polling a starting server: a short pause between tries, the deadline bounds the wait.
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    fail(
        "The room page did not answer 200 within "
            + START_TIMEOUT
            + " (last status "
            + lastStatus
            + "):\n"
            + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no console log: " + e + ")";
    }
  }
}
