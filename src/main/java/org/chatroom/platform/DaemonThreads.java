package org.chatroom.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the chat room's own, named {@code chatroom-...} so that a thread dump or a container's
 * leak report says whose they are, and daemons so that none keeps a stopping server alive. Each
 * owner still ends its threads when the application stops.
 */
public final class DaemonThreads implements ThreadFactory {

  private final String name;
  private final AtomicInteger count = new AtomicInteger();
  private final boolean numbered;

  private DaemonThreads(String name, boolean numbered) {
    this.name = name;
    this.numbered = numbered;
  }

  /** One thread named {@code name}. */
  public static DaemonThreads named(String name) {
    return new DaemonThreads(name, false);
  }

  /** Threads named {@code name-1}, {@code name-2}, ... */
  public static DaemonThreads numbered(String name) {
    return new DaemonThreads(name, true);
  }

  /** Stops the threads at once (timers whose next run no longer matters) and waits for them. */
  public static void stopNow(ExecutorService threads) {
    threads.shutdownNow();
    awaitEnd(threads);
  }

  /** Lets the threads finish what they were given, then stops them; waits a few seconds at most. */
  public static void stopWhenDone(ExecutorService threads) {
    threads.shutdown();
    awaitEnd(threads);
  }

  /** A thread left running would pin the stopped application's classes in the server. */
  private static void awaitEnd(ExecutorService threads) {
    try {
      if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, numbered ? name + "-" + count.incrementAndGet() : name);
    thread.setDaemon(true);
    return thread;
  }
}
