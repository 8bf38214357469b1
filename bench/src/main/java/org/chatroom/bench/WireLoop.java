package org.chatroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread and the connections it serves: it reads every byte they receive, runs the
 * scenarios' handlers (which is where a closed loop sends its next line), and writes what they
 * queued. Work from other threads comes in through {@link #execute} and {@link #flushSoon}, which
 * wake the selector; work from the loop itself waits for the end of the round of ready keys, so a
 * round's sends to one connection go out together.
 */
final class WireLoop implements AutoCloseable {

  /** Big enough for a burst of login echoes; shared by all the loop's connections. */
  private static final int READ_BUFFER = 64 * 1024;

  private final Selector selector;
  private final Thread thread;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Queue<WireClient> flushes = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  WireLoop(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  Selector selector() {
    return selector;
  }

  /** The buffer a connection reads into on this loop's thread, cleared. */
  ByteBuffer readBuffer() {
    return readBuffer.clear();
  }

  /** Runs {@code task} on the loop's thread. */
  void execute(Runnable task) {
    tasks.add(task);
    if (Thread.currentThread() != thread) {
      selector.wakeup();
    }
  }

  /** Writes {@code client}'s queue soon, once however often it is asked before that. */
  void flushSoon(WireClient client) {
    if (client.claimFlush()) {
      flushes.add(client);
      if (Thread.currentThread() != thread) {
        selector.wakeup();
      }
    }
  }

  private void run() {
    try {
      while (!closed) {
        selector.select(WireLoop::ready);
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        for (WireClient client; (client = flushes.poll()) != null; ) {
          client.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (SelectionKey key : selector.keys()) {
        ((WireClient) key.attachment()).abandon();
      }
      try {
        selector.close();
      } catch (IOException e) {
        // ending anyway
      }
    }
  }

  private static void ready(SelectionKey key) {
    ((WireClient) key.attachment()).ready(key);
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
