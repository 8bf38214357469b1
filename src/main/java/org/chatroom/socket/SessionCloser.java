package org.chatroom.socket;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes connections away from the thread that decided to close them. Closing sends a close frame
 * and may wait on a client that is not reading; a broadcast must never wait for that. Its threads
 * stop when the application is undeployed.
 */
@ApplicationScoped
public class SessionCloser {

  private static final Logger LOG = Logger.getLogger(SessionCloser.class.getName());

  private final ThreadPoolExecutor executor;

  public SessionCloser() {
    AtomicInteger count = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "chatroom-closer-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Closes the connection, if it is still open, on a closer thread. */
  void close(Session session, CloseReason reason) {
    try {
      executor.execute(() -> closeNow(session, reason));
    } catch (RejectedExecutionException e) {
      closeNow(session, reason);
    }
  }

  private static void closeNow(Session session, CloseReason reason) {
    try {
      if (session.isOpen()) {
        session.close(reason);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing connection " + session.getId() + " failed", e);
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
