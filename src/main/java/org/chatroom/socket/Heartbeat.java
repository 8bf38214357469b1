package org.chatroom.socket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.DaemonThreads;

/**
 * Finds connections whose client no longer reads: dead peers (a laptop lid shut, a cable pulled)
 * and clients too slow to keep up.
 *
 * <p>Every third of the idle timeout it pings each connection that has nothing else on the way,
 * with a numbered payload. Only a pong that echoes that number proves the client read up to the
 * ping; a connection whose ping stays unanswered for the whole idle timeout is closed with {@code
 * 1008}, which takes its member out of the room. Counting pongs rather than send completions
 * matters on containers that buffer outgoing data without bound (Tyrus on Payara completes sends
 * long before the client reads them).
 */
@ApplicationScoped
public class Heartbeat {

  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
  private static final CloseReason NOT_READING =
      new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "No pong: not reading");

  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final AtomicLong pings = new AtomicLong();
  private ChatSettings settings;
  private SessionCloser closer;
  private ScheduledExecutorService timer;

  /** For CDI's proxy only. */
  protected Heartbeat() {}

  @Inject
  public Heartbeat(ChatSettings settings, SessionCloser closer) {
    this.settings = settings;
    this.closer = closer;
  }

  @PostConstruct
  void start() {
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chatroom-heartbeat"));
    long period = Math.max(250, settings.idleTimeoutMillis() / 3);
    timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  /** Waits for the timer's thread to end: a thread left running would pin the old application. */
  @PreDestroy
  void stop() {
    DaemonThreads.stopNow(timer);
  }

  void watch(Session session, Outbox outbox) {
    watched.put(session.getId(), new Watched(session, outbox));
  }

  /** A pong arrived; it counts if it answers the ping the connection owes. */
  void answered(Session session, ByteBuffer payload) {
    Watched connection = watched.get(session.getId());
    if (connection != null && payload.remaining() == Long.BYTES) {
      connection.answered(payload.getLong(payload.position()));
    }
  }

  void forget(Session session) {
    watched.remove(session.getId());
  }

  private void beat() {
    long idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMillis());
    long now = System.nanoTime();
    for (Watched connection : watched.values()) {
      try {
        if (connection.owes() && now - connection.pingedAt > idleNanos) {
          LOG.log(
              Level.INFO,
              "Connection {0} answers no ping: not reading; closing it",
              connection.session.getId());
          watched.remove(connection.session.getId());
          connection.outbox.stop();
          closer.close(connection.session, NOT_READING);
        } else if (!connection.owes()) {
          // Owed before it is sent: the pong can come back before ping() returns.
          long number = pings.incrementAndGet();
          connection.pinged(number, now);
          if (!connection.outbox.ping(ByteBuffer.allocate(Long.BYTES).putLong(0, number))) {
            connection.answered(number);
          }
        }
      } catch (RuntimeException e) {
        // One bad connection must not stop the heartbeat of all the others.
        LOG.log(Level.WARNING, "Heartbeat failed for connection " + connection.session.getId(), e);
      }
    }
  }

  private static final class Watched {
    final Session session;
    final Outbox outbox;

    /** The number of the unanswered ping, or 0. */
    volatile long owed;

    volatile long pingedAt;

    Watched(Session session, Outbox outbox) {
      this.session = session;
      this.outbox = outbox;
    }

    boolean owes() {
      return owed != 0;
    }

    void pinged(long number, long at) {
      pingedAt = at;
      owed = number;
    }

    void answered(long number) {
      if (number == owed) {
        owed = 0;
      }
    }
  }
}
