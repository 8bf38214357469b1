package org.chatroom.platform;

import java.util.concurrent.ThreadFactory;
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

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, numbered ? name + "-" + count.incrementAndGet() : name);
    thread.setDaemon(true);
    return thread;
  }
}
