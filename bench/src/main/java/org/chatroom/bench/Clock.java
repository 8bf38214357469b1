package org.chatroom.bench;

/**
 * Nanoseconds since the generator started. {@link System#nanoTime()} is only comparable within one
 * JVM, which is why one generator process both sends every timestamp and receives every line.
 */
final class Clock {

  private static final long ORIGIN = System.nanoTime();

  private Clock() {}

  static long nanos() {
    return System.nanoTime() - ORIGIN;
  }

  static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
