package org.chatroom.socket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.DaemonThreads;

/**
 * Finds connections whose client no longer reads: dead peers (a laptop lid shut, a cable pulled)
 * and clients too slow to keep up.
 *
 * <p>Every third of the idle timeout it pings each connection that has nothing else on the way,
 * each at its own point of that period (a tick of at most a second finds whose turn it is), so that
 * ten thousand connections are not pinged in one burst and their pongs do not arrive together (in a
 * benchmark run where they were, Payara's HTTP worker queue of 4,096 tasks overflowed and it
 * dropped 24 of 18,000 idle connections; none in the run after). Pings carry a payload of random
 * bytes drawn for that ping. Only a pong that echoes them proves the client read up to the ping: a
 * client that never reads cannot answer a ping it has not seen, as it could when payloads were a
 * counter. A ping that could not be sent leaves the connection owing, and a connection whose ping
 * stays unanswered for the whole idle timeout is closed with {@code 1008}, which takes its member
 * out of the room. A pong that answers nothing is the client's doing and is charged to its rate
 * limit by the endpoint. Counting pongs rather than send completions matters on containers that
 * buffer outgoing data without bound (Tyrus on Payara completes sends long before the client reads
 * them).
 *
 * <p>A connection with a send in flight is not pinged: the send itself is the test. A tick of a
 * second (half the send timeout, if that is shorter) gives up on every connection whose send has
 * been pending past {@code chatroom.send.timeout-ms}. The containers could time sends themselves,
 * but Tomcat then puts every write in its timeout watcher and takes it out again, a cost on every
 * frame; one pass a second over the connections costs a volatile read each.
 */
@ApplicationScoped
public class Heartbeat {

  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
  private static final CloseReason NOT_READING =
      new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "No pong: not reading");

  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  /** Payload size: unguessable, and far below the 125 bytes a control frame may carry. */
  private static final int PAYLOAD_BYTES = 16;

  private final SecureRandom random = new SecureRandom();
  private ChatSettings settings;
  private ScheduledExecutorService timer;

  /** For CDI's proxy only. */
  protected Heartbeat() {}

  @Inject
  public Heartbeat(ChatSettings settings) {
    this.settings = settings;
  }

  @PostConstruct
  void start() {
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chatroom-heartbeat"));
    long tick =
        Math.max(50, Math.min(periodMillis(), Math.min(1000, settings.sendTimeoutMillis() / 2)));
    timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Waits for the timer's thread to end: a thread left running would pin the old application. */
  @PreDestroy
  public void stop() {
    DaemonThreads.stopNow(timer);
  }

  void watch(Session session, Outbox outbox) {
    // A first ping at a random point of the period: connections that came together, after a
    // restart or in a benchmark, are then pinged apart, and their pongs do not all arrive at once.
    long firstPing =
        System.nanoTime()
            + ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(periodMillis()));
    watched.put(session.getId(), new Watched(session, outbox, firstPing));
  }

  /** Time between two pings of one connection: a third of the idle timeout. */
  private long periodMillis() {
    return Math.max(250, settings.idleTimeoutMillis() / 3);
  }

  /**
   * A pong arrived.
   *
   * @return whether it answered the ping the connection owes; false for a pong nobody asked for
   */
  boolean answered(Session session, ByteBuffer payload) {
    Watched connection = watched.get(session.getId());
    return connection != null && connection.answered(payload);
  }

  void forget(Session session) {
    watched.remove(session.getId());
  }

  /** One pass over the connections: sends pending too long, pongs owed too long, pings due. */
  private void tick() {
    long now = System.nanoTime();
    long idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMillis());
    long periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis());
    long sendTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMillis());
    for (Watched connection : watched.values()) {
      try {
        if (connection.outbox.abandonIfStuck(now, sendTimeoutNanos)) {
          watched.remove(connection.session.getId());
        } else {
          beat(connection, now, idleNanos, periodNanos);
        }
      } catch (RuntimeException e) {
        // One bad connection must not stop the heartbeat of all the others.
        LOG.log(Level.WARNING, "Heartbeat failed for connection " + connection.session.getId(), e);
      }
    }
  }

  /** Closes the connection if it owes a pong too long, or pings it if its turn has come. */
  private void beat(Watched connection, long now, long idleNanos, long periodNanos) {
    if (connection.owes() && now - connection.pingedAt > idleNanos) {
      LOG.log(
          Level.INFO,
          "Connection {0} answers no ping: not reading; closing it",
          connection.session.getId());
      watched.remove(connection.session.getId());
      connection.outbox.abandon(NOT_READING);
    } else if (!connection.owes() && now - connection.nextPingAt >= 0) {
      connection.nextPingAt = now + periodNanos;
      byte[] payload = new byte[PAYLOAD_BYTES];
      random.nextBytes(payload);
      // Owed before it is sent: the pong can come back before ping() returns.
      ByteBuffer owed = ByteBuffer.wrap(payload).asReadOnlyBuffer();
      connection.pinged(owed, now);
      if (connection.outbox.ping(owed.duplicate()) == Outbox.Ping.BUSY) {
        connection.excused(owed);
      }
    }
  }

  private static final class Watched {
    final Session session;
    final Outbox outbox;

    /** The payload of the unanswered ping, or null. */
    final AtomicReference<ByteBuffer> owed = new AtomicReference<>();

    volatile long pingedAt;

    /** When its next ping is due; only the heartbeat's thread reads and writes it. */
    long nextPingAt;

    Watched(Session session, Outbox outbox, long firstPing) {
      this.nextPingAt = firstPing;
      this.session = session;
      this.outbox = outbox;
    }

    boolean owes() {
      return owed.get() != null;
    }

    void pinged(ByteBuffer payload, long at) {
      pingedAt = at;
      owed.set(payload);
    }

    /** The ping was not needed after all. */
    void excused(ByteBuffer payload) {
      owed.compareAndSet(payload, null);
    }

    boolean answered(ByteBuffer payload) {
      ByteBuffer expected = owed.get();
      return expected != null && expected.equals(payload) && owed.compareAndSet(expected, null);
    }
  }
}
