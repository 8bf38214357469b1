package org.chatroom.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.room.MessageSink;

/**
 * The frames waiting to go out on one connection, sent one at a time.
 *
 * <p>Containers refuse a second asynchronous send while one is in flight on a session (Tomcat
 * throws), so frames queue here and each completed send starts the next. {@link #deliver} only
 * queues and returns: a room broadcasting to a slow client never waits for it. A client that lets
 * more than {@code limit} frames pile up is disconnected rather than buffered without end.
 */
final class Outbox implements MessageSink {

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  private final Session session;
  private final String connectionId;
  private final RemoteEndpoint.Async remote;
  private final int limit;
  private final SessionCloser closer;

  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * The thread inside {@code sendText} right now. A container may complete a send on the calling
   * thread; the completion then leaves the next send to the loop in {@link #pump} instead of
   * recursing into it, so a long queue cannot overflow the stack.
   */
  private final AtomicReference<Thread> pumpingThread = new AtomicReference<>();

  Outbox(Session session, int limit, SessionCloser closer) {
    this.session = session;
    this.connectionId = session.getId();
    this.remote = session.getAsyncRemote();
    this.limit = limit;
    this.closer = closer;
  }

  @Override
  public void deliver(String frame) {
    if (closed.get()) {
      return;
    }
    if (pending.incrementAndGet() > limit) {
      pending.decrementAndGet();
      if (close()) {
        LOG.log(Level.INFO, "Connection {0} is not reading; disconnected", connectionId);
        closer.close(
            session,
            new CloseReason(
                CloseReason.CloseCodes.VIOLATED_POLICY, "Too slow: messages were piling up"));
      }
      return;
    }
    queue.add(frame);
    pump();
  }

  /**
   * Stops sending; frames still queued are dropped.
   *
   * @return whether this call closed it
   */
  boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    queue.clear();
    return true;
  }

  private void pump() {
    while (!closed.get() && sending.compareAndSet(false, true)) {
      String next = queue.poll();
      if (next == null) {
        sending.set(false);
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      Thread self = Thread.currentThread();
      pumpingThread.set(self);
      try {
        remote.sendText(next, this::sent);
      } catch (RuntimeException e) {
        // The session closed under us; what is left in the queue has nowhere to go.
        LOG.log(Level.FINE, "Send on connection " + connectionId + " refused", e);
        close();
        sending.set(false);
      } finally {
        pumpingThread.compareAndSet(self, null);
      }
    }
  }

  private void sent(SendResult result) {
    pending.decrementAndGet();
    if (!result.isOK()) {
      LOG.log(Level.FINE, "Send on connection " + connectionId + " failed", result.getException());
      close();
    }
    sending.set(false);
    if (pumpingThread.get() != Thread.currentThread()) {
      pump();
    }
  }
}
