package org.chatroom.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.room.MessageSink;

/**
 * The frames waiting to go out on one connection, sent one at a time.
 *
 * <p>Containers refuse a second asynchronous send while one is in flight on a session (Tomcat
 * throws), so frames queue here and each completed send starts the next. Sends are asynchronous: a
 * room broadcasting to a slow client never waits for it. A client that lets more than {@code limit}
 * frames or {@code maxBytes} bytes pile up, or leaves one send pending past the send timeout, is
 * disconnected with {@code 1008} rather than buffered without end. Bytes are what bound memory: a
 * client can ask for frames of very different sizes, so a count alone would let it make the server
 * hold a gigabyte in a few thousand large frames. A frame weighs two bytes per character, what a
 * Java string holds at most; a broadcast's one string is shared by all its recipients, but each is
 * charged for it, so that the bound holds per connection whatever the others do.
 *
 * <p>A close the server decides waits for the client: after the last frame the outbox pings, and
 * the connection closes when the pong (or any other frame) arrives, on the container thread that
 * reads it. Closing from any other thread races the client's immediate answer to the close frame,
 * and on Payara that race corrupts the container's pooled request objects (stack traces in other
 * users' requests: measured about one per hundred server-initiated closes under load, none when the
 * close is made on the reading thread). A client that never answers is closed after the closer's
 * grace instead.
 */
final class Outbox implements MessageSink {

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  private static final CloseReason TOO_SLOW =
      new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Too slow: messages piled up");

  /**
   * The context class loader container sends run under. Tyrus (Payara) schedules a managed task for
   * every send, and Payara's context capture for it looks up service providers through the context
   * class loader: with the application's loader that scans every jar of the server and the WAR, on
   * every send (measured: 13 times slower broadcasts). No send needs the application's classes, so
   * the JDK's platform loader stands in for it around the call.
   */
  private static final ClassLoader SEND_LOADER = ClassLoader.getPlatformClassLoader();

  /** The payload of the ping before a close; the heartbeat's pings carry eight bytes. */
  private static final ByteBuffer CLOSING_PING =
      ByteBuffer.wrap("close".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

  private final Session session;
  private final String connectionId;
  private final RemoteEndpoint.Async remote;
  private final int limit;
  private final long maxBytes;
  private final SessionCloser closer;

  /** Frames (String) and, last, possibly a {@link CloseReason} to close with once they are out. */
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();

  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean accepting = new AtomicBoolean(true);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean closeStarted = new AtomicBoolean();

  /** The weight of the frame being sent; one send is in flight at a time. */
  private volatile long inFlightWeight;

  /** Set once the queue reached its close: the reason, waiting for the pong to the closing ping. */
  private volatile CloseReason closingWith;

  /**
   * The thread inside {@code sendText} right now. A container may complete a send on the calling
   * thread; the completion then leaves the next send to the loop in {@link #pump} instead of
   * recursing into it, so a long queue cannot overflow the stack.
   */
  private final AtomicReference<Thread> pumpingThread = new AtomicReference<>();

  Outbox(Session session, int limit, long maxBytes, int sendTimeoutMillis, SessionCloser closer) {
    this.session = session;
    this.connectionId = session.getId();
    this.remote = session.getAsyncRemote();
    this.remote.setSendTimeout(sendTimeoutMillis);
    this.limit = limit;
    this.maxBytes = maxBytes;
    this.closer = closer;
  }

  /** Queues a frame and starts sending; for frames to this connection alone. */
  void deliver(String frame) {
    enqueue(frame);
    flush();
  }

  @Override
  public void enqueue(String frame) {
    if (!accepting.get()) {
      return;
    }
    long weight = weight(frame);
    if (pending.incrementAndGet() > limit || pendingBytes.addAndGet(weight) > maxBytes) {
      pending.decrementAndGet();
      pendingBytes.addAndGet(-weight);
      LOG.log(Level.INFO, "Connection {0} is not reading; disconnecting it", connectionId);
      abandon(TOO_SLOW);
      return;
    }
    queue.add(frame);
  }

  @Override
  public void flush() {
    pump();
  }

  /** Sends what is queued, then closes the connection with the reason; takes no more frames. */
  void closeAfterSending(CloseReason reason) {
    if (accepting.compareAndSet(true, false)) {
      queue.add(reason);
      pump();
    }
  }

  /** Drops what is queued and sends nothing more; the connection is closing or closed. */
  void stop() {
    accepting.set(false);
    stopped.set(true);
    queue.clear();
  }

  /** What became of a heartbeat ping. */
  enum Ping {
    /** It went out; the pong is owed. */
    SENT,
    /** A frame is on the way, whose send timeout already watches the client: no ping needed. */
    BUSY,
    /** It could not be sent: not an answer, so the client still owes one. */
    FAILED
  }

  /** Sends a ping if nothing else is on the way. */
  Ping ping(ByteBuffer payload) {
    if (stopped.get()) {
      return Ping.FAILED;
    }
    if (!sending.compareAndSet(false, true)) {
      return Ping.BUSY;
    }
    try {
      return sendPing(payload) ? Ping.SENT : Ping.FAILED;
    } finally {
      sending.set(false);
      pump();
    }
  }

  /**
   * Closes the connection if its close is decided. Called on the thread that reads the connection,
   * which is where the close must happen (see above), for every frame that arrives: the closing
   * ping's pong, or whatever a client that ignores pings keeps sending.
   *
   * @return whether the connection is closing, so that the frame is not to be handled
   */
  boolean closeIfDecided() {
    CloseReason reason = closingWith;
    if (reason == null) {
      return false;
    }
    closeOnce(reason);
    return true;
  }

  /**
   * Gives up on the client: nothing more is sent, and the connection closes on the next frame read
   * from it, or after the closer's grace if none comes.
   */
  void abandon(CloseReason reason) {
    stop();
    closingWith = reason;
    closer.later(() -> closeOnce(reason));
  }

  private void closeAfterPong(CloseReason reason) {
    closingWith = reason;
    closer.now(() -> sendPing(CLOSING_PING.duplicate()));
    closer.later(() -> closeOnce(reason));
  }

  private boolean sendPing(ByteBuffer payload) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(SEND_LOADER);
    try {
      remote.sendPing(payload);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Ping on connection " + connectionId + " failed", e);
      return false;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private void closeOnce(CloseReason reason) {
    if (closeStarted.compareAndSet(false, true)) {
      SessionCloser.closeNow(session, reason);
    }
  }

  private void pump() {
    while (!stopped.get() && sending.compareAndSet(false, true)) {
      Object next = queue.poll();
      if (next == null) {
        sending.set(false);
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      if (next instanceof CloseReason) {
        // Sending stays claimed: nothing more goes out but the closing ping.
        stop();
        closeAfterPong((CloseReason) next);
        return;
      }
      Thread self = Thread.currentThread();
      ClassLoader previous = self.getContextClassLoader();
      pumpingThread.set(self);
      self.setContextClassLoader(SEND_LOADER);
      try {
        inFlightWeight = weight((String) next);
        remote.sendText((String) next, this::sent);
      } catch (RuntimeException e) {
        // The session closed under us; what is left in the queue has nowhere to go.
        LOG.log(Level.FINE, "Send on connection " + connectionId + " refused", e);
        stop();
        sending.set(false);
      } finally {
        self.setContextClassLoader(previous);
        pumpingThread.compareAndSet(self, null);
      }
    }
  }

  private static long weight(String frame) {
    return 2L * frame.length();
  }

  private void sent(SendResult result) {
    pending.decrementAndGet();
    pendingBytes.addAndGet(-inFlightWeight);
    if (!result.isOK()) {
      // A timed-out send means a client that stopped reading; anything else, a broken link.
      LOG.log(Level.FINE, "Send on connection " + connectionId + " failed", result.getException());
      abandon(TOO_SLOW);
    }
    sending.set(false);
    if (pumpingThread.get() != Thread.currentThread()) {
      pump();
    }
  }
}
