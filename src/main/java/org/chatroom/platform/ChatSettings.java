package org.chatroom.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Every tunable limit of the chat room, with its default. A setting named {@code
 * chatroom.history.size} is read from the JVM system property of that name, else from the
 * environment variable {@code CHATROOM_HISTORY_SIZE}, else from the JNDI entry {@code
 * java:comp/env/chatroom/history.size} (a {@code env-entry} in {@code web.xml}, or what the
 * container's console sets). A value that is out of range stops the deployment with a message
 * naming the setting.
 */
@ApplicationScoped
public class ChatSettings {

  public static final String HISTORY_SIZE = "chatroom.history.size";
  public static final String MAX_MESSAGE_LENGTH = "chatroom.message.max-length";
  public static final String NICKNAME_MAX_LENGTH = "chatroom.nickname.max-length";
  public static final String OUTBOX_LIMIT = "chatroom.outbox.limit";
  public static final String MAX_CONNECTIONS = "chatroom.connections.max";
  public static final String MAX_FRAME_SIZE = "chatroom.frame.max-size";
  public static final String RATE_PER_SECOND = "chatroom.rate.per-second";
  public static final String RATE_BURST = "chatroom.rate.burst";
  public static final String RATE_MAX_STRIKES = "chatroom.rate.max-strikes";
  public static final String SEND_TIMEOUT_MS = "chatroom.send.timeout-ms";
  public static final String SEND_BATCHING = "chatroom.send.batching";
  public static final String IDLE_TIMEOUT_MS = "chatroom.idle.timeout-ms";
  public static final String ALLOWED_ORIGINS = "chatroom.origins.allowed";
  public static final String ALLOW_MISSING_ORIGIN = "chatroom.origins.allow-missing";
  public static final String TRANSCRIPT_PATH = "chatroom.transcript.path";
  public static final String RECOVERY_MAX_LINES = "chatroom.recovery.max-lines";
  public static final String DATA_DIR = "chatroom.data.dir";
  public static final String DB_URL = "chatroom.db.url";
  public static final String DB_USER = "chatroom.db.user";
  public static final String DB_PASSWORD = "chatroom.db.password";
  public static final String HISTORY_KEEP = "chatroom.history.keep";
  public static final String HISTORY_MAX_AGE = "chatroom.history.max-age";
  public static final String OUTBOX_MAX_BYTES = "chatroom.outbox.max-bytes";
  public static final String CONNECTIONS_PER_ADDRESS = "chatroom.connections.per-address";
  public static final String TRUSTED_PROXIES = "chatroom.proxies.trusted";
  public static final String LOGIN_TIMEOUT_MS = "chatroom.login.timeout-ms";
  public static final String PRESENCE_PER_MINUTE = "chatroom.presence.per-minute";
  public static final String PRESENCE_BURST = "chatroom.presence.burst";
  public static final String PRESENCE_WINDOW_MS = "chatroom.presence.window-ms";
  public static final String TYPING_INTERVAL_MS = "chatroom.typing.interval-ms";
  public static final String LISTED_ROOMS = "chatroom.rooms.listed";
  public static final String FRAME_ANCESTORS = "chatroom.page.frame-ancestors";
  public static final String CLUSTER = "chatroom.cluster";
  public static final String CLUSTER_NODE_TIMEOUT = "chatroom.cluster.node-timeout";

  /** The seed tutorial's name for the connection limit, honoured as an environment variable. */
  public static final String SEED_MAX_CONNECTIONS = "LISTEN_SOCKET_NUM";

  /** The seed tutorial's name for the log path, honoured for the transcript folder. */
  public static final String SEED_LOG_PATH = "LOG_PATH";

  private final int historySize;
  private final int maxMessageLength;
  private final int nicknameMaxLength;
  private final int outboxLimit;
  private final int maxConnections;
  private final int maxFrameSize;
  private final int ratePerSecond;
  private final int rateBurst;
  private final int rateMaxStrikes;
  private final int sendTimeoutMillis;
  private final boolean sendBatching;
  private final int idleTimeoutMillis;
  private final List<String> allowedOrigins;
  private final boolean allowMissingOrigin;
  private final Optional<Path> transcriptPath;
  private final int recoveryMaxLines;
  private final Optional<String> dataDir;
  private final Optional<String> dbUrl;
  private final Optional<String> dbUser;
  private final Optional<String> dbPassword;
  private final int historyKeep;
  private final Optional<Duration> historyMaxAge;
  private final int outboxMaxBytes;
  private final int connectionsPerAddress;
  private final List<String> trustedProxies;
  private final int loginTimeoutMillis;
  private final int presencePerMinute;
  private final int presenceBurst;
  private final int presenceWindowMillis;
  private final int typingIntervalMillis;
  private final List<String> listedRooms;
  private final String frameAncestors;
  private final boolean cluster;
  private final int clusterNodeTimeoutSeconds;

  public ChatSettings() {
    this(ChatSettings::fromPlatform);
  }

  /** Settings read through the given lookup, which answers {@code null} for an unset name. */
  public ChatSettings(UnaryOperator<String> lookup) {
    historySize = intSetting(lookup, HISTORY_SIZE, 50, 0, 10_000);
    maxMessageLength = intSetting(lookup, MAX_MESSAGE_LENGTH, 2_000, 1, 100_000);
    nicknameMaxLength = intSetting(lookup, NICKNAME_MAX_LENGTH, 32, 1, 256);
    outboxLimit = intSetting(lookup, OUTBOX_LIMIT, 8_192, 16, 1_000_000);
    maxConnections = intSetting(lookup, MAX_CONNECTIONS, 10_000, 1, 10_000_000);
    maxFrameSize = intSetting(lookup, MAX_FRAME_SIZE, 65_536, 1_024, 16_777_216);
    ratePerSecond = intSetting(lookup, RATE_PER_SECOND, 5, 1, 100_000);
    rateBurst = intSetting(lookup, RATE_BURST, 30, 1, 1_000_000);
    rateMaxStrikes = intSetting(lookup, RATE_MAX_STRIKES, 10, 1, 1_000_000);
    sendTimeoutMillis = intSetting(lookup, SEND_TIMEOUT_MS, 10_000, 100, 3_600_000);
    sendBatching = booleanSetting(lookup, SEND_BATCHING, true);
    idleTimeoutMillis = intSetting(lookup, IDLE_TIMEOUT_MS, 90_000, 1_000, 86_400_000);
    allowedOrigins = listSetting(lookup, ALLOWED_ORIGINS);
    allowMissingOrigin = booleanSetting(lookup, ALLOW_MISSING_ORIGIN, true);
    transcriptPath = folderSetting(lookup, TRANSCRIPT_PATH);
    recoveryMaxLines = intSetting(lookup, RECOVERY_MAX_LINES, 1_000, 0, 1_000_000);
    dataDir = textSetting(lookup, DATA_DIR);
    dbUrl = textSetting(lookup, DB_URL);
    dbUser = textSetting(lookup, DB_USER);
    dbPassword = Optional.ofNullable(lookup.apply(DB_PASSWORD)).filter(p -> !p.isEmpty());
    historyKeep = intSetting(lookup, HISTORY_KEEP, 10_000, 0, 100_000_000);
    historyMaxAge = durationSetting(lookup, HISTORY_MAX_AGE);
    outboxMaxBytes = intSetting(lookup, OUTBOX_MAX_BYTES, 4 << 20, 64 << 10, 1 << 30);
    connectionsPerAddress = intSetting(lookup, CONNECTIONS_PER_ADDRESS, 20, 1, 10_000_000);
    trustedProxies = listSetting(lookup, TRUSTED_PROXIES, "127.0.0.0/8, ::1");
    loginTimeoutMillis = intSetting(lookup, LOGIN_TIMEOUT_MS, 30_000, 100, 3_600_000);
    presencePerMinute = intSetting(lookup, PRESENCE_PER_MINUTE, 18, 1, 100_000);
    presenceBurst = intSetting(lookup, PRESENCE_BURST, 5, 1, 100_000);
    presenceWindowMillis = intSetting(lookup, PRESENCE_WINDOW_MS, 250, 0, 10_000);
    typingIntervalMillis = intSetting(lookup, TYPING_INTERVAL_MS, 2_000, 0, 3_600_000);
    listedRooms = listSetting(lookup, LISTED_ROOMS, "lobby");
    frameAncestors = textSetting(lookup, FRAME_ANCESTORS).orElse("'none'");
    cluster = booleanSetting(lookup, CLUSTER, true);
    clusterNodeTimeoutSeconds = intSetting(lookup, CLUSTER_NODE_TIMEOUT, 15, 3, 600);
  }

  /**
   * How many bytes of frames may wait for one client before it is disconnected as too slow. It
   * bounds what one connection can make the server hold, whatever the frames' sizes.
   */
  public int outboxMaxBytes() {
    return outboxMaxBytes;
  }

  /** How many connections one client address may have open at once. */
  public int connectionsPerAddress() {
    return connectionsPerAddress;
  }

  /**
   * Addresses and CIDR ranges of reverse proxies whose {@code X-Forwarded-*} and {@code Forwarded}
   * headers are believed; by default the loopback, where a proxy on the same machine connects from.
   */
  public List<String> trustedProxies() {
    return trustedProxies;
  }

  /** How long a connection may stay without logging in before it is closed. */
  public int loginTimeoutMillis() {
    return loginTimeoutMillis;
  }

  /** Logins and logouts one connection may make per minute, on average, after the burst. */
  public int presencePerMinute() {
    return presencePerMinute;
  }

  /** Logins and logouts one connection may make at once before the per-minute rate applies. */
  public int presenceBurst() {
    return presenceBurst;
  }

  /**
   * In a big room, the least time between two frames of logins or logouts: those that come sooner
   * wait and go out together at the window's end (0: each at once).
   */
  public int presenceWindowMillis() {
    return presenceWindowMillis;
  }

  /** The least time between two typing notices of one member that the room relays; 0: all. */
  public int typingIntervalMillis() {
    return typingIntervalMillis;
  }

  /** The rooms {@code /api/rooms} may name; {@code *} lists every room with people in it. */
  public List<String> listedRooms() {
    return listedRooms;
  }

  /** The page's CSP {@code frame-ancestors} sources; {@code 'none'} keeps it out of frames. */
  public String frameAncestors() {
    return frameAncestors;
  }

  /**
   * Whether this server shares its rooms with the other servers on the same PostgreSQL database;
   * true unless set to false. The embedded H2 database is this server's alone either way.
   */
  public boolean cluster() {
    return cluster;
  }

  /**
   * Within how many seconds the members of a server that stopped without a word (killed, cut off)
   * are taken out of its rooms by the servers still running.
   */
  public int clusterNodeTimeoutSeconds() {
    return clusterNodeTimeoutSeconds;
  }

  /** The most lines a reconnecting client is replayed to catch up; past that it starts afresh. */
  public int recoveryMaxLines() {
    return recoveryMaxLines;
  }

  /** The folder of the embedded database, if set; otherwise a stable default is chosen. */
  public Optional<String> dataDir() {
    return dataDir;
  }

  /** A JDBC URL (PostgreSQL, or H2) to keep lines in, instead of the embedded database. */
  public Optional<String> dbUrl() {
    return dbUrl;
  }

  public Optional<String> dbUser() {
    return dbUser;
  }

  public Optional<String> dbPassword() {
    return dbPassword;
  }

  /** Lines kept per room; older ones are pruned in the background. 0 keeps every line. */
  public int historyKeep() {
    return historyKeep;
  }

  /** How long a line is kept, if limited; older ones are pruned in the background. */
  public Optional<Duration> historyMaxAge() {
    return historyMaxAge;
  }

  /** How many recent lines a room keeps and replays to a newcomer. */
  public int historySize() {
    return historySize;
  }

  /** The longest chat line accepted, in code points. */
  public int maxMessageLength() {
    return maxMessageLength;
  }

  /** The longest nickname, in code points. */
  public int nicknameMaxLength() {
    return nicknameMaxLength;
  }

  /** How many frames may wait for one slow client before it is disconnected. */
  public int outboxLimit() {
    return outboxLimit;
  }

  /** How many WebSocket connections may be open at once (the seed's LISTEN_SOCKET_NUM). */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * The largest text message read, in UTF-16 code units, not bytes; a larger one closes the
   * connection (1009).
   */
  public int maxFrameSize() {
    return maxFrameSize;
  }

  /** Frames a connection may send per second, on average. */
  public int ratePerSecond() {
    return ratePerSecond;
  }

  /** Frames a connection may send in a burst above the average rate. */
  public int rateBurst() {
    return rateBurst;
  }

  /** Refused frames in a row after which a flooding connection is closed. */
  public int rateMaxStrikes() {
    return rateMaxStrikes;
  }

  /** How long one send to a client may stay pending before the client counts as stuck. */
  public int sendTimeoutMillis() {
    return sendTimeoutMillis;
  }

  /**
   * Whether frames waiting for one client go out together, in one write, where the container's
   * batching allows it (Tomcat); see {@code SendBatches}.
   */
  public boolean sendBatching() {
    return sendBatching;
  }

  /** How long a connection may stay silent, pongs included, before it counts as dead. */
  public int idleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  /** Origins allowed besides the page's own, such as {@code https://chat.example.org}. */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** Whether clients that send no Origin header (non-browser tools) may connect. */
  public boolean allowMissingOrigin() {
    return allowMissingOrigin;
  }

  /** The folder of the opt-in transcript (the seed's LOG_PATH); empty when it is off. */
  public Optional<Path> transcriptPath() {
    return transcriptPath;
  }

  private static String fromPlatform(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    if (value == null && MAX_CONNECTIONS.equals(name)) {
      value = System.getenv(SEED_MAX_CONNECTIONS);
    }
    if (value == null && TRANSCRIPT_PATH.equals(name)) {
      value = System.getenv(SEED_LOG_PATH);
    }
    if (value == null) {
      value = fromJndi(name);
    }
    return value;
  }

  private static String fromJndi(String name) {
    String jndiName = "java:comp/env/chatroom/" + name.substring("chatroom.".length());
    try {
      Object value = new InitialContext().lookup(jndiName);
      return value == null ? null : value.toString();
    } catch (NamingException | RuntimeException e) {
      return null;
    }
  }

  private static int intSetting(
      UnaryOperator<String> lookup, String name, int defaultValue, int min, int max) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Setting " + name + " must be a whole number, not '" + raw + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "Setting " + name + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  private static boolean booleanSetting(
      UnaryOperator<String> lookup, String name, boolean defaultValue) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(
            "Setting " + name + " must be true or false, not '" + raw + "'");
    }
  }

  /** A folder that exists or can be made, and that the server may write into. */
  private static Optional<Path> folderSetting(UnaryOperator<String> lookup, String name) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      Path folder = Files.createDirectories(Path.of(raw.strip()));
      if (!Files.isWritable(folder)) {
        throw new IllegalArgumentException(
            "Setting " + name + " names a folder the server cannot write: " + folder);
      }
      return Optional.of(folder);
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException(
          "Setting "
              + name
              + " must name a folder the server can create and write, not '"
              + raw
              + "'");
    }
  }

  private static Optional<String> textSetting(UnaryOperator<String> lookup, String name) {
    String raw = lookup.apply(name);
    return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
  }

  /** An ISO-8601 duration ({@code P30D}, {@code PT12H}) or a number of days ({@code 30}). */
  private static Optional<Duration> durationSetting(UnaryOperator<String> lookup, String name) {
    Optional<String> raw = textSetting(lookup, name);
    if (raw.isEmpty() || raw.get().equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    try {
      String text = raw.get();
      Duration value =
          text.chars().allMatch(Character::isDigit)
              ? Duration.ofDays(Long.parseLong(text))
              : Duration.parse(text.toUpperCase(Locale.ROOT));
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return Optional.of(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Setting "
              + name
              + " must be a number of days or an ISO-8601 duration such as P30D, not '"
              + raw.get()
              + "'");
    }
  }

  private static List<String> listSetting(UnaryOperator<String> lookup, String name) {
    return listSetting(lookup, name, "");
  }

  private static List<String> listSetting(
      UnaryOperator<String> lookup, String name, String defaultValue) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      raw = defaultValue;
    }
    return Arrays.stream(raw.split(","))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .collect(Collectors.toUnmodifiableList());
  }
}
