package org.chatroom.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.chatroom.platform.ChatSettings;
import org.flywaydb.core.Flyway;

/**
 * The database the lines live in, chosen the Jakarta EE way: the container's DataSource at {@code
 * java:comp/env/jdbc/chatroom} (or {@code jdbc/chatroom}) when it offers one; else the JDBC URL of
 * {@code chatroom.db.url} (PostgreSQL) with the pool and driver the WAR carries; else an embedded
 * H2 file in a folder that outlives the deployment. Its schema is brought up to date by Flyway
 * before the first line is read or written.
 */
@ApplicationScoped
public class ChatDatabase {

  private static final Logger LOG = Logger.getLogger(ChatDatabase.class.getName());
  private static final List<String> CONTAINER_NAMES =
      List.of("java:comp/env/jdbc/chatroom", "jdbc/chatroom");

  private static final long DEPLOY_TIMEOUT_MILLIS = 60_000;
  private static final long RUNNING_TIMEOUT_MILLIS = 3_000;

  private ChatSettings settings;
  private DataSource dataSource;

  /** The pool this application made, closed with it; null for the container's DataSource. */
  private HikariDataSource pool;

  private boolean postgres;

  /** This server among those sharing the database; new at each start, so a restart is new too. */
  private final String nodeId = UUID.randomUUID().toString();

  /** For CDI's proxy only. */
  protected ChatDatabase() {}

  @Inject
  public ChatDatabase(ChatSettings settings) {
    this.settings = settings;
  }

  /**
   * Opens the database for the deployment of that name (it names the embedded file, so that two
   * deployments in one server keep apart) and migrates its schema.
   */
  public synchronized void open(String deploymentName) {
    if (dataSource != null) {
      return;
    }
    DataSource chosen = containerDataSource();
    String where;
    if (chosen != null) {
      where = "the container's DataSource jdbc/chatroom";
    } else if (settings.dbUrl().isPresent()) {
      where = settings.dbUrl().get();
      chosen = pool(where);
    } else {
      Path file = EmbeddedFolder.choose(settings).resolve(deploymentName);
      where = "jdbc:h2:file:" + file;
      chosen = pool(where + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }
    try {
      awaitFirstConnection(chosen);
      Flyway.configure(ChatDatabase.class.getClassLoader())
          .dataSource(chosen)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    dataSource = chosen;
    String product = product(chosen);
    postgres = product.startsWith("PostgreSQL");
    LOG.log(Level.INFO, "Chat lines are kept in {0} ({1})", new Object[] {where, product});
    if (shared()) {
      LOG.log(
          Level.INFO,
          "Rooms are shared with every server using this database (set {0}=false to keep them"
              + " apart); this server is node {1}",
          new Object[] {ChatSettings.CLUSTER, nodeId});
    }
  }

  /** Whether the database is PostgreSQL, whose own SQL numbers lines in one statement. */
  public synchronized boolean postgres() {
    return postgres;
  }

  /**
   * Whether the rooms of this database are shared with other servers: PostgreSQL, unless {@code
   * cluster} says otherwise.
   */
  public synchronized boolean shared() {
    return postgres && settings.cluster();
  }

  /** This server's name among the servers sharing the database. */
  public String nodeId() {
    return nodeId;
  }

  /**
   * A connection of its own for listening to the other servers, outside the pool: it is held for as
   * long as the application runs. From the container's DataSource when it gives one.
   */
  public Connection listenerConnection() throws SQLException {
    DataSource source;
    String url;
    synchronized (this) {
      source = dataSource;
      url = pool == null ? null : pool.getJdbcUrl();
    }
    if (source == null) {
      throw new SQLException("The database is closed");
    }
    if (url == null) {
      return source.getConnection();
    }
    java.util.Properties properties = new java.util.Properties();
    settings.dbUser().ifPresent(user -> properties.setProperty("user", user));
    settings.dbPassword().ifPresent(password -> properties.setProperty("password", password));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", "chatroom-listener");
    properties.setProperty("connectTimeout", "5");
    // Not through DriverManager: the WAR's own driver, whatever the server has registered.
    return new org.postgresql.Driver().connect(url, properties);
  }

  /** The database, opened under the default name if the deployment has not opened it. */
  public synchronized DataSource dataSource() {
    if (dataSource == null) {
      open("chatroom");
    }
    return dataSource;
  }

  @PreDestroy
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
      PoolWarnings.restore();
      forgetOwnDrivers();
    }
    dataSource = null;
  }

  /**
   * The JDBC drivers of the WAR's own jars registered themselves with the JVM-wide DriverManager;
   * left there they would keep this application's classes after an undeploy (Tomcat and Payara
   * unregister them for us, with a warning in the log). A server's own driver is not ours to touch.
   */
  private static void forgetOwnDrivers() {
    ClassLoader ours = ChatDatabase.class.getClassLoader();
    if (ours == ClassLoader.getSystemClassLoader()) {
      return; // not deployed: run on the class path (tests, an embedded server), drivers are shared
    }
    for (Driver driver : Collections.list(DriverManager.getDrivers())) {
      if (driver.getClass().getClassLoader() == ours) {
        try {
          DriverManager.deregisterDriver(driver);
        } catch (SQLException e) {
          LOG.log(Level.FINE, "Could not unregister a JDBC driver", e);
        }
      }
    }
  }

  private HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("chatroom");
    config.setJdbcUrl(url);
    // A driver in WEB-INF/lib is not one DriverManager finds by itself on every container.
    driverFor(url).ifPresent(config::setDriverClassName);
    settings.dbUser().ifPresent(config::setUsername);
    settings.dbPassword().ifPresent(config::setPassword);
    // Writers, readers, health checks; a server sharing its rooms also reads others' lines.
    config.setMaximumPoolSize(url.startsWith("jdbc:postgresql:") && settings.cluster() ? 6 : 4);
    config.setMinimumIdle(1);
    // A database that is down must refuse lines quickly. (Hikari reads this once, when the pool
    // is made: a later setConnectionTimeout left lines waiting a minute. The deployment's longer
    // patience is awaitFirstConnection's.)
    config.setConnectionTimeout(RUNNING_TIMEOUT_MILLIS);
    config.setValidationTimeout(2_000);
    // Start even if the database is down for now; the store says so and retries.
    config.setInitializationFailTimeout(-1);
    PoolWarnings.shorten();
    pool = new HikariDataSource(config);
    return pool;
  }

  /**
   * Waits for the database at deploy, a minute at most: a busy machine may take a while to give the
   * first connection, and the migration needs one.
   */
  private static void awaitFirstConnection(DataSource source) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEPLOY_TIMEOUT_MILLIS);
    while (true) {
      try (Connection connection = source.getConnection()) {
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The database gave no connection: " + e.getMessage(), e);
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the database", e);
        }
      }
    }
  }

  /** The database's name and version, for the log: on Payara it proves whose H2 opened the file. */
  private static String product(DataSource source) {
    try (Connection connection = source.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    } catch (SQLException e) {
      return "version unknown: " + e.getMessage();
    }
  }

  private static Optional<String> driverFor(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return Optional.of("org.h2.Driver");
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Optional.of("org.postgresql.Driver");
    }
    return Optional.empty();
  }

  private static DataSource containerDataSource() {
    for (String name : CONTAINER_NAMES) {
      try {
        Object found = new InitialContext().lookup(name);
        if (found instanceof DataSource) {
          return (DataSource) found;
        }
      } catch (NamingException | RuntimeException e) {
        // not offered under this name
      }
    }
    return null;
  }

  /** Where the embedded database lives when {@code chatroom.data.dir} does not say. */
  static final class EmbeddedFolder {

    private EmbeddedFolder() {}

    /**
     * The setting; else Tomcat's {@code $CATALINA_BASE/data/chatroom}; else a Payara Server
     * domain's {@code data/chatroom}; else WildFly's {@code standalone/data/chatroom}; else {@code
     * ~/.chatroom/data} (Payara Micro, whose instance folder is temporary). Never the context's
     * work or temp folder: containers delete those.
     */
    static Path choose(ChatSettings settings) {
      Path folder =
          settings
              .dataDir()
              .map(Path::of)
              .orElseGet(
                  () -> {
                    String catalina = System.getProperty("catalina.base");
                    if (catalina != null) {
                      return Path.of(catalina, "data", "chatroom");
                    }
                    String domain = System.getProperty("com.sun.aas.instanceRoot");
                    if (domain != null && !isTemporary(Path.of(domain))) {
                      return Path.of(domain, "data", "chatroom");
                    }
                    String wildfly = System.getProperty("jboss.server.data.dir");
                    if (wildfly != null) {
                      return Path.of(wildfly, "chatroom");
                    }
                    return Path.of(System.getProperty("user.home"), ".chatroom", "data");
                  });
      try {
        return Files.createDirectories(folder).toAbsolutePath();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "Setting "
                + ChatSettings.DATA_DIR
                + " must name a folder the server can create and write, not '"
                + folder
                + "'");
      }
    }

    /** Payara Micro runs its instance from a folder under the temp folder, new each start. */
    private static boolean isTemporary(Path folder) {
      Path temp = Path.of(System.getProperty("java.io.tmpdir"));
      return folder.toAbsolutePath().normalize().startsWith(temp.toAbsolutePath().normalize());
    }
  }
}
