package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stock Tomcat 10.1 serving the built WAR, run as a child process so that a test can stop it and
 * start it again like an operator would. Register it as a static extension: it prepares a fresh
 * Tomcat base under {@code target/page-tomcat/<test class>}, starts it before the class, and after
 * the class stops it and fails if the server printed a stack trace or a SEVERE line.
 *
 * <p>The stock Tomcat is the one the build unpacks into {@code target/tomcat-dist} ({@code
 * pre-integration-test}); the WAR is {@code target/chatroom.war} (system property {@code
 * chatroom.war}).
 */
public final class TomcatServer implements BeforeAllCallback, AfterAllCallback {

  public static final int PORT = 18280;
  public static final URI BASE = URI.create("http://localhost:" + PORT + "/chatroom/");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The trouble {@code org.chatroom.testing.ServerLog} looks for in a container's console. */
  private static final Pattern TROUBLE =
      Pattern.compile("SEVERE|[\\w$]+(Exception|Error)\\b|^\\s+at [\\w.$]+\\(", Pattern.MULTILINE);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Supplier<List<String>> options = List::of;
  private Supplier<String> contextXml = () -> null;
  private final List<Path> libraries = new ArrayList<>();
  private Path home;
  private Path console;
  private Process process;

  /**
   * JVM options of the server, such as {@code -Dchatroom.db.url=...}, asked for when it starts (so
   * they may name a database that another extension started first).
   */
  public TomcatServer withOptions(Supplier<List<String>> jvmOptions) {
    this.options = jvmOptions;
    return this;
  }

  /**
   * The WAR's context file, {@code conf/Catalina/localhost/chatroom.xml}, as an administrator
   * writes it: for {@code <Environment>} settings or a {@code <Resource>} DataSource.
   */
  public TomcatServer withContextXml(Supplier<String> xml) {
    this.contextXml = xml;
    return this;
  }

  /** A jar for Tomcat's own {@code lib/}, such as the JDBC driver of a container DataSource. */
  public TomcatServer withLibrary(Path jar) {
    libraries.add(jar);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    prepare(Path.of("target", "page-tomcat", context.getRequiredTestClass().getSimpleName()));
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    assertLogClean();
  }

  /** Lays out a fresh Tomcat base: the stock binaries, a minimal server.xml and the WAR. */
  public void prepare(Path dir) throws IOException {
    deleteRecursively(dir);
    home = Files.createDirectories(dir).toAbsolutePath();
    Path dist = stockTomcat();
    for (String part : List.of("bin", "lib", "conf")) {
      copyRecursively(dist.resolve(part), home.resolve(part));
    }
    for (String part : List.of("logs", "temp", "work", "webapps")) {
      Files.createDirectories(home.resolve(part));
    }
    Files.writeString(home.resolve("conf/server.xml"), serverXml(), StandardCharsets.UTF_8);
    for (Path jar : libraries) {
      Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()));
    }
    Path war = Path.of(System.getProperty("chatroom.war", "target/chatroom.war"));
    assertTrue(Files.isRegularFile(war), () -> "No WAR at " + war.toAbsolutePath() + "; package");
    Files.copy(war, home.resolve("webapps/chatroom.war"), StandardCopyOption.REPLACE_EXISTING);
    console = home.resolve("logs/console.log");
  }

  /** Starts Tomcat and waits until the room page answers. */
  public void start() throws Exception {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Tomcat is already running");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    String context = contextXml.get();
    if (context != null) {
      Path file = home.resolve("conf/Catalina/localhost/chatroom.xml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, context, StandardCharsets.UTF_8);
    }
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(options.get());
    command.addAll(
        List.of(
            "-Dcatalina.home=" + home,
            "-Dcatalina.base=" + home,
            "-Djava.io.tmpdir=" + home.resolve("temp"),
            "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
            "-Djava.util.logging.config.file=" + home.resolve("conf/logging.properties"),
            "-Xmx512m",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
            "-cp",
            home.resolve("bin/bootstrap.jar") + ":" + home.resolve("bin/tomcat-juli.jar"),
            "org.apache.catalina.startup.Bootstrap",
            "start"));
    process =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
            .start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    awaitPage();
  }

  /** Stops Tomcat the way a service manager does (SIGTERM), and waits until it is gone. */
  public void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      fail("Tomcat did not stop within " + STOP_TIMEOUT);
    }
    process = null;
  }

  /** Kills Tomcat as a crash or {@code kill -9} would: no shutdown, nothing flushed. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
      process = null;
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  private void awaitPage() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    int lastStatus = -1;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("Tomcat exited with " + process.exitValue() + " while starting:\n" + consoleTail());
      }
      try {
        lastStatus =
            HTTP.send(
                    HttpRequest.newBuilder(BASE).timeout(Duration.ofSeconds(5)).build(),
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
      process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    fail(
        "The room page did not answer 200 within "
            + START_TIMEOUT
            + " (last status "
            + lastStatus
            + "):\n"
            + consoleTail());
  }

  /** Fails if the server printed a stack trace, an exception or a SEVERE line. */
  public void assertLogClean() throws IOException {
    String log = Files.readString(console, StandardCharsets.UTF_8);
    assertTrue(log.contains("chatroom"), "Nothing about the WAR in the server log: " + console);
    List<String> trouble =
        log.lines().filter(line -> TROUBLE.matcher(line).find()).collect(Collectors.toList());
    assertEquals(
        List.of(), trouble, () -> "The server logged trouble (see " + console + "):\n" + trouble);
  }

  /** The Tomcat's base folder ({@code $CATALINA_BASE}). */
  public Path home() {
    return home;
  }

  public Path console() {
    return console;
  }

  private String consoleTail() {
    try {
      List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no console log: " + e + ")";
    }
  }

  private static String serverXml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- The browser tests' Tomcat: stopped by a signal, so no shutdown port. -->
        <Server port="-1" shutdown="SHUTDOWN">
          <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
          <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"/>
          <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener"/>
          <Service name="Catalina">
            <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1"
                       connectionTimeout="20000"/>
            <Engine name="Catalina" defaultHost="localhost">
              <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
            </Engine>
          </Service>
        </Server>
        """
        .formatted(PORT);
  }

  /** The single apache-tomcat-* directory the build unpacked. */
  private static Path stockTomcat() throws IOException {
    Path dist = Path.of(System.getProperty("chatroom.tomcat.dist", "target/tomcat-dist"));
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(dist)) {
      try (Stream<Path> entries = Files.list(dist)) {
        entries
            .filter(Files::isDirectory)
            .filter(path -> path.getFileName().toString().startsWith("apache-tomcat-"))
            .forEach(found::add);
      }
    }
    assertEquals(
        1,
        found.size(),
        () ->
            "Expected one apache-tomcat-* in "
                + dist.toAbsolutePath()
                + " (run the pre-integration-test phase), found "
                + found);
    return found.get(0);
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
