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

  /** Tomcat's Manager app, which {@link #withManager} keeps: its text interface, for scripts. */
  public static final URI MANAGER_TEXT = URI.create("http://localhost:" + PORT + "/manager/text/");

  /** A page of the Manager that needs no login: it answers 200 once Tomcat is up. */
  private static final URI MANAGER_STYLESHEET =
      URI.create("http://localhost:" + PORT + "/manager/css/manager.css");

  private Supplier<String> contextXml = () -> null;
  private int port = PORT;
  private String suffix = "";
  private boolean servesWar = true;
  private String managerUser;
  private String managerPassword;

  /**
   * Listens on another port than {@link #PORT}, under another name ({@code tomcat-<name>}): for a
   * test that runs several Tomcats at once. Their rooms' URLs are then {@link #base()}.
   */
  public TomcatServer onPort(int port, String name) {
    this.port = port;
    this.suffix = "-" + name;
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

  /**
   * Keeps the Manager app the distribution ships and writes a {@code conf/tomcat-users.xml} whose
   * only user has the role {@code manager-script}, behind the stock {@code UserDatabaseRealm}: a
   * Tomcat an operator's script deploys to through {@link #MANAGER_TEXT}.
   */
  public TomcatServer withManager(String user, String password) {
    this.managerUser = user;
    this.managerPassword = password;
    return this;
  }

  /**
   * Starts with no WAR in {@code webapps}, for a test that deploys it itself (through the Manager,
   * which this needs: until then only the Manager tells that Tomcat is up).
   */
  public TomcatServer withoutWar() {
    this.servesWar = false;
    return this;
  }

  @Override
  protected String name() {
    return "tomcat" + suffix;
  }

  /** The Manager's text interface on this Tomcat's port (see {@link #withManager}). */
  public URI managerText() {
    return URI.create("http://localhost:" + port + "/manager/text/");
  }

  /**
   * The room page; for a Tomcat laid out {@link #withoutWar()}, the Manager's stylesheet instead,
   * the page that answers once it is up (the room, once deployed, is still at {@link #BASE}).
   */
  @Override
  public URI base() {
    if (port != PORT) {
      return URI.create("http://localhost:" + port + "/chatroom/");
    }
    return servesWar ? BASE : MANAGER_STYLESHEET;
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
    Files.writeString(
        home.resolve("conf/server.xml"),
        serverXml(managerUser != null, port),
        StandardCharsets.UTF_8);
    for (Path jar : libraries()) {
      Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()));
    }
    if (managerUser != null) {
      copyRecursively(dist.resolve("webapps/manager"), home.resolve("webapps/manager"));
      Files.writeString(
          home.resolve("conf/tomcat-users.xml"),
          tomcatUsers(managerUser, managerPassword),
          StandardCharsets.UTF_8);
    } else if (!servesWar) {
      throw new IllegalStateException("A Tomcat without the WAR needs the Manager to deploy it");
    }
    if (servesWar) {
      Files.copy(war(), home.resolve("webapps/chatroom.war"), StandardCopyOption.REPLACE_EXISTING);
    }
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

  /** A minimal server.xml; with {@code users}, the stock realm over conf/tomcat-users.xml. */
  private static String serverXml(boolean users, int port) {
    String userDatabase =
        users
            ? """
              <GlobalNamingResources>
                <Resource name="UserDatabase" auth="Container"
                          type="org.apache.catalina.UserDatabase"
                          factory="org.apache.catalina.users.MemoryUserDatabaseFactory"
                          pathname="conf/tomcat-users.xml"/>
              </GlobalNamingResources>
            """
            : "";
    String realm =
        users
            ? """
                  <Realm className="org.apache.catalina.realm.LockOutRealm">
                    <Realm className="org.apache.catalina.realm.UserDatabaseRealm"
                           resourceName="UserDatabase"/>
                  </Realm>
            """
            : "";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- The browser tests' Tomcat: stopped by a signal, so no shutdown port. -->
        <Server port="-1" shutdown="SHUTDOWN">
          <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
          <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"/>
          <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener"/>
        %s  <Service name="Catalina">
            <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1"
                       connectionTimeout="20000"/>
            <Engine name="Catalina" defaultHost="localhost">
        %s      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
            </Engine>
          </Service>
        </Server>
        """
        .formatted(userDatabase, port, realm);
  }

  /** An operator's tomcat-users.xml: one user who may use the Manager's text interface only. */
  private static String tomcatUsers(String user, String password) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
          <role rolename="manager-script"/>
          <user username="%s" password="%s" roles="manager-script"/>
        </tomcat-users>
        """
        .formatted(xmlAttribute(user), xmlAttribute(password));
  }

  private static String xmlAttribute(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
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
