package org.chatroom.socket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long deliveries took, counted per millisecond up to ten seconds (longer ones in the last
 * count): enough for a percentile of hundreds of thousands of deliveries without keeping them.
 */
final class Latencies {

  private static final int MAX_MILLIS = 10_000;

  private final AtomicLongArray counts = new AtomicLongArray(MAX_MILLIS + 1);

  /** Records one delivery that took {@code nanos}. */
  void record(long nanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
    counts.incrementAndGet((int) Math.min(millis, MAX_MILLIS));
  }

  long count() {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    return total;
  }

  /**
   * The smallest whole number of milliseconds that {@code fraction} of deliveries stayed within.
   */
  long percentileMillis(double fraction) {
    long wanted = (long) Math.ceil(count() * fraction);
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= wanted && seen > 0) {
        return i;
      }
    }
    return 0;
  }

  long maxMillis() {
    for (int i = counts.length() - 1; i >= 0; i--) {
      if (counts.get(i) > 0) {
        return i;
      }
    }
    return 0;
  }
}
