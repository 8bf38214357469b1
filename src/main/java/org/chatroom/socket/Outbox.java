package org.chatroom.socket;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopTimer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * <p>The send timeout is not the container's: given one, Tomcat registers every asynchronous write
 * with its write-timeout watcher (a concurrent skip list) and takes it out again on completion, a
 * cost on every frame to every recipient. Instead the outbox notes when its send in flight started,
 * and the {@link Heartbeat}'s tick, once a second for all connections, gives up on an outbox whose
 * send has been pending past the timeout ({@link #abandonIfStuck}): closed {@code 1008} like any
 * client too slow, up to one tick after the timeout.
 *
 * <p>A close the server decides waits for the client: after the last frame the outbox pings, and
 * the connection closes when the pong (or any other frame) arrives, on the container thread that
 * reads it. Closing from any other thread races the client's immediate answer to the close frame,
 * and on Payara that race corrupts the container's pooled request objects (stack traces in other
 * users' requests: measured about one per hundred server-initiated closes under load, none when the
 * close is made on the reading thread). A client that never answers is closed after the closer's
 * grace instead.
 *
 * <p>On Tomcat, the container's thread that completes a send goes on sending what waits, as one
 * batch when a permit of {@link SendBatches} is free: each frame completes at once into the
 * connection's buffer, and one flush writes them all, on that same thread. Sending stays claimed
 * from the batch's first frame to its flush. A room's broadcast never opens a batch (it only starts
 * the first send), since a flush waits while the client is not reading; a flush slower than {@link
 * #SLOW_FLUSH_NANOS} shows such a client, whose frames go out one at a time from then on.
 *
 * <p>Each frame a room broadcasts is stamped as it is queued, and the time until it is handed to
 * the container's send is recorded ({@code chatroom_delivery_latency_seconds}), as is the number of
 * frames waiting whenever one is queued ({@code chatroom_outbox_depth_frames}).
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

  /**
   * Tomcat's limit on a blocking send, a ping or a close frame; other containers ignore it. Pings
   * go out on the heartbeat's one thread, which also watches every connection's sends: Tomcat's
   * default (20 s) would let one client with a full socket buffer hold it up that long.
   */
  private static final String BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  private static final Long BLOCKING_SEND_MILLIS = 1000L;

  /** A flush that took longer waited for the client; an immediate one takes microseconds. */
  static final long SLOW_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Frames in one batch at most, so that a queue that keeps filling still gets flushed. */
  private static final int BATCH_FRAMES = 64;

  /**
   * Batches one completion's thread sends at most; then a frame goes alone, and its completion's
   * thread takes the next turn: one busy connection does not keep a container thread for long.
   */
  private static final int BATCHES_PER_TURN = 8;

  /** The stamp of a frame not broadcast: one for this connection alone, or the close. */
  private static final long NOT_TIMED = Long.MIN_VALUE;

  /** {@link #sendingSince} when no send is in flight. */
  private static final long IDLE = 0;

  private final Session session;
  private final String connectionId;
  private final RemoteEndpoint.Async remote;
  private final int limit;
  private final long maxBytes;
  private final SessionCloser closer;
  private final Timer deliveryLatency;
  private final DistributionSummary depth;

  /** How this connection batches its sends; null when it does not. */
  private final SendBatches.Batching batching;

  /** Frames (String) and, last, possibly a {@link CloseReason} to close with once they are out. */
  private final FrameQueue queue = new FrameQueue();

  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean accepting = new AtomicBoolean(true);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean closeStarted = new AtomicBoolean();

  /** The weight of the frame being sent; one send is in flight at a time. */
  private volatile long inFlightWeight;

  /** When the send in flight was handed to the container ({@link System#nanoTime}), or IDLE. */
  private volatile long sendingSince = IDLE;

  /**
   * Whether a batch is open: frames have gone into the container's buffer and a flush is owed. Read
   * and written only by the thread that holds {@link #sending}.
   */
  private boolean batchOpen;

  private int framesInBatch;

  /**
   * The thread inside {@code sendText} whose send completed before it returned. A thread, not a
   * flag: another thread that completed the send meanwhile may be sending the next frame already.
   */
  private volatile Thread completedOn;

  /** Whether the open batch holds a permit of {@link SendBatches}. */
  private final AtomicBoolean permitHeld = new AtomicBoolean();

  /** Set once a flush waited for the client: no more batches for this connection. */
  private volatile boolean slow;

  /** Set once the queue reached its close: the reason, waiting for the pong to the closing ping. */
  private volatile CloseReason closingWith;

  /**
   * The thread inside {@code sendText} right now. A container may complete a send on the calling
   * thread; the completion then leaves the next send to the loop in {@link #pump} instead of
   * recursing into it, so a long queue cannot overflow the stack.
   */
  private final AtomicReference<Thread> pumpingThread = new AtomicReference<>();

  /** An outbox whose deliveries are not measured. */
  Outbox(Session session, int limit, long maxBytes, SessionCloser closer) {
    this(
        session,
        limit,
        maxBytes,
        closer,
        new NoopTimer(unmeasured(Meter.Type.TIMER)),
        new NoopDistributionSummary(unmeasured(Meter.Type.DISTRIBUTION_SUMMARY)),
        null);
  }

  Outbox(
      Session session,
      int limit,
      long maxBytes,
      SessionCloser closer,
      Timer deliveryLatency,
      DistributionSummary depth,
      SendBatches.Batching batching) {
    this.session = session;
    this.batching = batching;
    this.deliveryLatency = deliveryLatency;
    this.depth = depth;
    this.connectionId = session.getId();
    this.remote = session.getAsyncRemote();
    session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, BLOCKING_SEND_MILLIS);
    this.limit = limit;
    this.maxBytes = maxBytes;
    this.closer = closer;
  }

  /** Queues a frame and starts sending; for frames to this connection alone. */
  void deliver(String frame) {
    enqueue(frame, NOT_TIMED);
    flush();
  }

  /** Queues a frame of a room's broadcast: timed from now until it is handed to the send. */
  @Override
  public void enqueue(String frame) {
    enqueue(frame, System.nanoTime());
  }

  private void enqueue(String frame, long queuedAt) {
    if (!accepting.get()) {
      return;
    }
    long weight = weight(frame);
    int waiting = pending.incrementAndGet();
    if (waiting > limit || pendingBytes.addAndGet(weight) > maxBytes) {
      pending.decrementAndGet();
      pendingBytes.addAndGet(-weight);
      LOG.log(Level.INFO, "Connection {0} is not reading; disconnecting it", connectionId);
      abandon(TOO_SLOW);
      return;
    }
    depth.record(waiting);
    queue.add(frame, queuedAt);
  }

  @Override
  public void flush() {
    pump();
  }

  /** Sends what is queued, then closes the connection with the reason; takes no more frames. */
  void closeAfterSending(CloseReason reason) {
    if (accepting.compareAndSet(true, false)) {
      queue.add(reason, NOT_TIMED);
      pump();
    }
  }

  /** Drops what is queued and sends nothing more; the connection is closing or closed. */
  void stop() {
    accepting.set(false);
    stopped.set(true);
    queue.clear();
    // A batch whose send Tomcat never completes (queued behind the close frame) keeps its permit.
    releasePermit();
  }

  /** What became of a heartbeat ping. */
  enum Ping {
    /** It went out; the pong is owed. */
    SENT,
    /** A frame is on the way, whose send the heartbeat's tick watches: no ping needed. */
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
   * Gives up on the client if the send in flight has been pending longer than the timeout: a client
   * that stopped reading, whose buffers are full. Called by the heartbeat's tick.
   *
   * @return whether it gave up on the client now
   */
  boolean abandonIfStuck(long now, long timeoutNanos) {
    long since = sendingSince;
    if (since == IDLE || now - since <= timeoutNanos || stopped.get()) {
      return false;
    }
    LOG.log(Level.INFO, "Connection {0} has a send pending too long: not reading", connectionId);
    abandon(TOO_SLOW);
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
    pump(false, false);
  }

  /**
   * Sends what is queued while no other thread does.
   *
   * @param onCompletion whether this is the container's thread that completed a send, where a batch
   *     may be sent and flushed (see the class's comment)
   * @param claimed whether the calling thread holds {@link #sending} already
   */
  private void pump(boolean onCompletion, boolean claimed) {
    int batchesHere = 0;
    while (claimed || sending.compareAndSet(false, true)) {
      claimed = false;
      boolean stopping = stopped.get();
      if (stopping && !batchOpen) {
        return; // sending stays claimed: nothing more goes out
      }
      FrameQueue.Entry entry = null;
      if (!stopping) {
        entry = batchOpen ? queue.pollFrame(framesInBatch < BATCH_FRAMES) : queue.poll();
      }
      if (entry == null) {
        if (batchOpen) {
          // The batch ends here; a close waits for it to be out, and so do further frames. Only
          // the thread that completed a send flushes; any other would drop it (none can hold the
          // claim with a batch open, but a flush may wait).
          if (onCompletion) {
            flushBatch();
          } else {
            batchOpen = false;
            releasePermit();
          }
          claimed = true;
          continue;
        }
        sending.set(false);
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      Object next = entry.item;
      if (next instanceof CloseReason) {
        // Sending stays claimed: nothing more goes out but the closing ping.
        stop();
        closeAfterPong((CloseReason) next);
        return;
      }
      if (onCompletion && !batchOpen && batchesHere < BATCHES_PER_TURN && mayBatch()) {
        batchesHere++;
        openBatch();
      }
      claimed = send((String) next, entry.queuedAt);
    }
  }

  private boolean mayBatch() {
    if (batching == null || slow || !batching.permits().tryAcquire()) {
      return false;
    }
    permitHeld.set(true);
    return true;
  }

  /** Gives the open batch's permit back, once, whether by its flush or by the outbox stopping. */
  private void releasePermit() {
    if (permitHeld.compareAndSet(true, false)) {
      batching.permits().release();
    }
  }

  /**
   * Hands one frame to the container: alone, or into the open batch.
   *
   * @return whether the caller still holds the claim: the send completed before it returned, or
   *     failed (and the outbox stopped)
   */
  private boolean send(String frame, long queuedAt) {
    long now = System.nanoTime();
    if (queuedAt != NOT_TIMED) {
      deliveryLatency.record(now - queuedAt, TimeUnit.NANOSECONDS);
    }
    Thread self = Thread.currentThread();
    ClassLoader previous = self.getContextClassLoader();
    pumpingThread.set(self);
    self.setContextClassLoader(SEND_LOADER);
    try {
      framesInBatch++;
      inFlightWeight = weight(frame);
      // Set before the send, which may complete (and clear it) before it returns; a clock that
      // reads IDLE itself is moved by a nanosecond.
      sendingSince = now == IDLE ? IDLE + 1 : now;
      remote.sendText(frame, this::sent);
      if (completedOn == self) {
        completedOn = null;
        return true;
      }
      return false;
    } catch (RuntimeException e) {
      // The session closed under us; what is left in the queue has nowhere to go. The claim is
      // kept: nothing more is sent, and an open batch is dropped, not flushed (Tomcat may hold
      // its send lock for good after such a failure, and a flush would wait on it).
      LOG.log(Level.FINE, "Send on connection " + connectionId + " refused", e);
      stop();
      sendingSince = IDLE;
      batchOpen = false;
      return true;
    } finally {
      self.setContextClassLoader(previous);
      pumpingThread.compareAndSet(self, null);
    }
  }

  /**
   * Writes out the open batch, with sending claimed, on the thread that completed a send. Turning
   * batching off is Tomcat's flush: it returns once all is written, or fails after the send timeout
   * (and Tomcat closes the connection). That wait is Tomcat's to end, not the heartbeat's watch on
   * sends pending: a close from another thread would only queue behind the flush. Sending stays
   * claimed.
   */
  private void flushBatch() {
    Thread self = Thread.currentThread();
    ClassLoader previous = self.getContextClassLoader();
    self.setContextClassLoader(SEND_LOADER);
    long start = System.nanoTime();
    Map<String, Object> properties = null;
    try {
      // As long as any send may stay pending; the heartbeat's pings keep their shorter wait.
      properties = session.getUserProperties();
      properties.put(BLOCKING_SEND_TIMEOUT, batching.flushTimeoutMillis());
      remote.setBatchingAllowed(false);
    } catch (IOException | RuntimeException e) {
      // Broken, timed out or closed meanwhile: the connection is gone or going.
      LOG.log(Level.FINE, "Flush on connection " + connectionId + " failed", e);
      abandon(TOO_SLOW);
    } finally {
      if (properties != null) {
        properties.put(BLOCKING_SEND_TIMEOUT, BLOCKING_SEND_MILLIS);
      }
      self.setContextClassLoader(previous);
    }
    if (System.nanoTime() - start > SLOW_FLUSH_NANOS && !slow) {
      slow = true;
      LOG.log(Level.FINE, "Connection {0} is slow to read: one frame at a time", connectionId);
    }
    batchOpen = false;
    releasePermit();
  }

  /** With sending claimed: the frames sent next go into the container's buffer until the flush. */
  private void openBatch() {
    batching.batches().increment();
    batchOpen = true;
    framesInBatch = 0;
    try {
      remote.setBatchingAllowed(true); // from off: no flush, nothing written
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Batching on connection " + connectionId + " refused", e);
    }
  }

  private static long weight(String frame) {
    return 2L * frame.length();
  }

  private static Meter.Id unmeasured(Meter.Type type) {
    return new Meter.Id("chatroom.unmeasured", Tags.empty(), null, null, type);
  }

  private void sent(SendResult result) {
    sendingSince = IDLE;
    pending.decrementAndGet();
    pendingBytes.addAndGet(-inFlightWeight);
    if (!result.isOK()) {
      // A broken link, or the connection closed by an abandon while the send was stuck.
      LOG.log(Level.FINE, "Send on connection " + connectionId + " failed", result.getException());
      abandon(TOO_SLOW);
    }
    Thread self = Thread.currentThread();
    if (pumpingThread.get() == self) {
      completedOn = self; // the sending thread goes on, still claiming
    } else {
      pump(true, true); // the container's thread goes on, still claiming
    }
  }

  /**
   * The outbox's queue: frames in order, each with the time it was queued. A linked list under a
   * lock held for a few instructions, rather than a {@code ConcurrentLinkedQueue} of stamped
   * frames: its one node per frame carries the stamp, where the concurrent queue would need a node
   * and a stamped frame, two objects per recipient of every broadcast.
   */
  private static final class FrameQueue {

    static final class Entry {
      final Object item;
      final long queuedAt;
      Entry next;

      Entry(Object item, long queuedAt) {
        this.item = item;
        this.queuedAt = queuedAt;
      }
    }

    private Entry head;
    private Entry tail;

    void add(Object item, long queuedAt) {
      Entry entry = new Entry(item, queuedAt);
      synchronized (this) {
        if (tail == null) {
          head = entry;
        } else {
          tail.next = entry;
        }
        tail = entry;
      }
    }

    /** The first entry if it is a frame (not a close) and {@code more} allows one; else null. */
    synchronized Entry pollFrame(boolean more) {
      return more && head != null && head.item instanceof String ? poll() : null;
    }

    synchronized Entry poll() {
      Entry first = head;
      if (first != null) {
        head = first.next;
        if (head == null) {
          tail = null;
        }
        first.next = null;
      }
      return first;
    }

    synchronized boolean isEmpty() {
      return head == null;
    }

    synchronized void clear() {
      head = null;
      tail = null;
    }
  }
}
