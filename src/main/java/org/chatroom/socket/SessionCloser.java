package org.chatroom.socket;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.DaemonThreads;

/**
 * Closes connections away from the thread that decided to close them. Closing sends a close frame
 * and may wait on a client that is not reading; a broadcast must never wait for that.
 *
 * <p>Each close waits a moment first: a connection refused in {@code @OnOpen} is still inside the
 * container's upgrade, and Tyrus (Payara) logs a stack trace when the socket closes before it has
 * flushed its handshake response. The same moment is what a client gets to answer the ping that
 * precedes a close (see {@link Outbox}). Its threads stop when the application is undeployed.
 */
@ApplicationScoped
public class SessionCloser {

  private static final Logger LOG = Logger.getLogger(SessionCloser.class.getName());
  private static final long GRACE_MILLIS = 1000;

  private final ScheduledThreadPoolExecutor executor;

  public SessionCloser() {
    executor = new ScheduledThreadPoolExecutor(2, DaemonThreads.numbered("chatroom-closer"));
    executor.setKeepAliveTime(30, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    // Deadlines are mostly cancelled (a login comes in time): they must not stay queued till due.
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Runs the task on a closer thread after the delay, unless cancelled first. */
  Future<?> after(long delayMillis, Runnable task) {
    try {
      return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null); // undeploying: every connection closes now
    }
  }

  /** Runs the task on a closer thread as soon as one is free. */
  void now(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Runs the task on a closer thread once the grace is over; at once if undeploying. */
  void later(Runnable task) {
    try {
      executor.schedule(task, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Closes the connection, if it is still open, on the calling thread. */
  static void closeNow(Session session, CloseReason reason) {
    try {
      if (session.isOpen()) {
        session.close(reason);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing connection " + session.getId() + " failed", e);
    }
  }

  @PreDestroy
  public void stop() {
    DaemonThreads.stopWhenDone(executor);
  }
}
