package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.chatroom.cluster.ClusterListener;
import org.chatroom.guard.ConnectionLimit;
import org.chatroom.ops.Administration;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.chatroom.room.RoomRegistry;
import org.chatroom.socket.ChatEndpoint;
import org.chatroom.store.ChatDatabase;
import org.glassfish.tyrus.server.Server;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The endpoint that ships in the WAR, with its CDI beans, on an embedded Tyrus server (Grizzly) in
 * this JVM: the protocol answers in milliseconds instead of a container's start-up. Settings are
 * given as the JVM system properties an operator would set; lines are kept in an H2 database in
 * memory, new for each server, unless a test names another. Like {@link ServerLog} for the
 * containers, it fails the test class if the server logged a SEVERE record or a stack trace.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EmbeddedServer server = EmbeddedServer.withDefaults();
 * </pre>
 */
public final class EmbeddedServer implements BeforeAllCallback, AfterAllCallback {

  private static final String CONTEXT = "/chatroom";

  /** The start-up chatter of Weld, Grizzly and Tyrus, once per test class; held so it stays set. */
  private static final List<Logger> QUIET =
      List.of(
          Logger.getLogger("org.jboss.weld"),
          Logger.getLogger("org.glassfish.grizzly"),
          Logger.getLogger("org.glassfish.tyrus"));

  private final Supplier<Map<String, String>> settings;
  private final TroubleRecorder trouble = new TroubleRecorder();
  private final Map<String, String> previous = new HashMap<>();
  private WeldContainer cdi;
  private Server server;
  private URL base;
  private int port;

  private EmbeddedServer(Supplier<Map<String, String>> settings) {
    String memory = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    this.settings =
        () -> {
          Map<String, String> withStore = new HashMap<>(settings.get());
          // A fresh H2 in memory per server, unless the test names a database.
          withStore.putIfAbsent(ChatSettings.DB_URL, memory);
          return withStore;
        };
  }

  public static EmbeddedServer withDefaults() {
    return new EmbeddedServer(Map::of);
  }

  /** Settings by name, such as {@code ChatSettings.RATE_BURST -> "5"}. */
  public static EmbeddedServer withSettings(Map<String, String> settings) {
    return new EmbeddedServer(() -> settings);
  }

  /** Settings known only once other extensions have started, such as a database's URL. */
  public static EmbeddedServer withSettings(Supplier<Map<String, String>> settings) {
    return new EmbeddedServer(settings);
  }

  /**
   * Log records a test provokes on purpose and the server rightly writes, such as the connection
   * pool's word on connections a stopped database broke; they are not counted as trouble.
   */
  public EmbeddedServer expecting(String regex) {
    trouble.expected.add(Pattern.compile(regex));
    return this;
  }

  /** A bean of the running application, such as the operator's {@link Administration}. */
  public <T> T bean(Class<T> type) {
    return cdi.select(type).get();
  }

  /** The room's context root, as a container's deployment URL would be. */
  public URL base() {
    return base;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
    List<String> logged = trouble.lines();
    assertTrue(logged.isEmpty(), () -> "The server logged trouble:\n" + String.join("\n", logged));
  }

  /** Starts the server; a test may stop it and start it again, as an operator restarts one. */
  public void start() throws Exception {
    Logger.getLogger("").addHandler(trouble);
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    settings.get().forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
    cdi =
        new Weld()
            .disableDiscovery()
            .setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED)
            .addPackages(
                true,
                ChatSettings.class,
                Frames.class,
                RoomRegistry.class,
                ChatEndpoint.class,
                ConnectionLimit.class,
                ChatDatabase.class,
                Administration.class,
                ClusterListener.class)
            .initialize();
    if (port == 0) {
      port = freePort(); // then kept, so that clients reconnect to a restarted server
    }
    server = new Server("localhost", port, CONTEXT, Map.of(), ChatEndpoint.class);
    server.start();
    base = baseUrl(port);
  }

  /** Stops the server and its CDI container, as an undeploy would. */
  public void stop() {
    try {
      if (server != null) {
        server.stop();
        server = null;
      }
      if (cdi != null) {
        cdi.shutdown();
        cdi = null;
      }
    } finally {
      previous.forEach(
          (name, value) -> {
            if (value == null) {
              System.clearProperty(name);
            } else {
              System.setProperty(name, value);
            }
          });
      previous.clear();
      Logger.getLogger("").removeHandler(trouble);
    }
  }

  /** Tyrus takes port 0 for its default 8025, so a free port is found first. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static URL baseUrl(int port) {
    try {
      return new URL("http://localhost:" + port + CONTEXT + "/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a container's console would show as trouble: SEVERE, or a record with a stack trace. */
  private static final class TroubleRecorder extends Handler {
    private final List<String> lines = new ArrayList<>();
    private final List<Pattern> expected = new ArrayList<>();

    @Override
    public void publish(LogRecord record) {
      boolean printed = record.getLevel().intValue() >= Level.INFO.intValue();
      if (record.getLevel() == Level.SEVERE || (printed && record.getThrown() != null)) {
        String message = String.valueOf(record.getMessage());
        if (expected.stream().anyMatch(allowed -> allowed.matcher(message).find())) {
          return;
        }
        synchronized (lines) {
          lines.add(
              record.getLevel()
                  + " "
                  + record.getLoggerName()
                  + ": "
                  + record.getMessage()
                  + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }
      }
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
