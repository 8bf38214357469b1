package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A stock Tomcat 10.1 serving the built WAR as a child process (see {@link ServerProcess}), its
 * base under {@code target/page-tomcat/<test class>}, its data in that base as on any Tomcat.
 *
 * <p>The stock Tomcat is the one the build unpacks into {@code target/tomcat-dist} ({@code
 * pre-integration-test}); the WAR is {@code target/chatroom.war} (system property {@code
 * chatroom.war}).
 */
public final class TomcatServer extends ServerProcess<TomcatServer> {

  public static final int PORT = 18280;
  public static final URI BASE = URI.create("http://localhost:" + PORT + "/chatroom/");

  private Supplier<String> contextXml = () -> null;

  /**
   * The WAR's context file, {@code conf/Catalina/localhost/chatroom.xml}, as an administrator
   * writes it: for {@code <Environment>} settings or a {@code <Resource>} DataSource.
   */
  public TomcatServer withContextXml(Supplier<String> xml) {
    this.contextXml = xml;
    return this;
  }

  @Override
  protected String name() {
    return "tomcat";
  }

  @Override
  public URI base() {
    return BASE;
  }

  /** A Tomcat base: the stock binaries, a minimal server.xml, the libraries and the WAR. */
  @Override
  protected void layOut(Path home) throws IOException {
    Path dist = stockTomcat();
    for (String part : List.of("bin", "lib", "conf")) {
      copyRecursively(dist.resolve(part), home.resolve(part));
    }
    for (String part : List.of("logs", "temp", "work", "webapps")) {
      Files.createDirectories(home.resolve(part));
    }
    Files.writeString(home.resolve("conf/server.xml"), serverXml(), StandardCharsets.UTF_8);
    for (Path jar : libraries()) {
      Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()));
    }
    Files.copy(war(), home.resolve("webapps/chatroom.war"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  protected List<String> command(Path home) throws IOException {
    String context = contextXml.get();
    if (context != null) {
      Path file = home.resolve("conf/Catalina/localhost/chatroom.xml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, context, StandardCharsets.UTF_8);
    }
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(options());
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
    return command;
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
