package org.chatroom.room;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.DaemonThreads;

/**
 * The threads that send stored lines to the rooms' members. The store reports every line on one
 * thread, in order, and the room queues it for everyone there; sending to hundreds of sockets is
 * then spread over a few threads, so that one writer does not become every room's bottleneck and
 * members' queues drain as fast as their clients read. Order is safe: each member's queue is fixed
 * before any thread sends from it. A timer thread sends what must wait a moment: the logins of a
 * crowd, told together (see {@link Room}).
 */
final class FanOut implements Executor {

  /** One per core, at least two. */
  static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final ExecutorService threads;
  private final ScheduledThreadPoolExecutor timer;

  FanOut() {
    threads = Executors.newFixedThreadPool(THREADS, DaemonThreads.numbered("chatroom-fan-out"));
    timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("chatroom-fan-out-timer"));
    timer.setKeepAliveTime(30, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  /** Runs the task after the delay; at once if undeploying. */
  void later(long delayMillis, Runnable task) {
    try {
      timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      task.run();
    }
  }

  @Override
  public void execute(Runnable sending) {
    try {
      threads.execute(sending);
    } catch (RejectedExecutionException stopping) {
      sending.run(); // undeploying: send on the caller's thread rather than drop the line
    }
  }

  void stop() {
    DaemonThreads.stopNow(timer);
    DaemonThreads.stopWhenDone(threads);
  }
}
