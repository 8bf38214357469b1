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
 * with a payload of random bytes drawn for that ping. Only a pong that echoes them proves the
 * client read up to the ping: a client that never reads cannot answer a ping it has not seen, as it
 * could when payloads were a counter. A ping that could not be sent leaves the connection owing,
 * and a connection whose ping stays unanswered for the whole idle timeout is closed with {@code
 * 1008}, which takes its member out of the room. A pong that answers nothing is the client's doing
 * and is charged to its rate limit by the endpoint. Counting pongs rather than send completions
 * matters on containers that buffer outgoing data without bound (Tyrus on Payara completes sends
 * long before the client reads them).
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
    long period = Math.max(250, settings.idleTimeoutMillis() / 3);
    timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    long tick = Math.min(1000, settings.sendTimeoutMillis() / 2);
    timer.scheduleWithFixedDelay(this::watchSends, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Waits for the timer's thread to end: a thread left running would pin the old application. */
  @PreDestroy
  public void stop() {
    DaemonThreads.stopNow(timer);
  }

  void watch(Session session, Outbox outbox) {
    watched.put(session.getId(), new Watched(session, outbox));
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
          connection.outbox.abandon(NOT_READING);
        } else if (!connection.owes()) {
          byte[] payload = new byte[PAYLOAD_BYTES];
          random.nextBytes(payload);
          // Owed before it is sent: the pong can come back before ping() returns.
          ByteBuffer owed = ByteBuffer.wrap(payload).asReadOnlyBuffer();
          connection.pinged(owed, now);
          if (connection.outbox.ping(owed.duplicate()) == Outbox.Ping.BUSY) {
            connection.excused(owed);
          }
        }
      } catch (RuntimeException e) {
        // One bad connection must not stop the heartbeat of all the others.
        LOG.log(Level.WARNING, "Heartbeat failed for connection " + connection.session.getId(), e);
      }
    }
  }

  /** Gives up on the connections whose one send has been pending past the send timeout. */
  private void watchSends() {
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMillis());
    long now = System.nanoTime();
    for (Watched connection : watched.values()) {
      try {
        if (connection.outbox.abandonIfStuck(now, timeoutNanos)) {
          watched.remove(connection.session.getId());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Send check failed for connection " + connection.session.getId(), e);
      }
    }
  }

  private static final class Watched {
    final Session session;
    final Outbox outbox;

    /** The payload of the unanswered ping, or null. */
    final AtomicReference<ByteBuffer> owed = new AtomicReference<>();

    volatile long pingedAt;

    Watched(Session session, Outbox outbox) {
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
