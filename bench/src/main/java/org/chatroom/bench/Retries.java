package org.chatroom.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Whether to measure a phase again because other processes took the machine meanwhile: at most
 * {@link #PER_PHASE} tries of one phase and {@link #PER_RUN} repeats in a whole run, so that a busy
 * machine costs minutes, not hours.
 */
final class Retries {

  static final int PER_PHASE = 3;
  static final int PER_RUN = 4;

  private static final AtomicInteger USED = new AtomicInteger();

  /** What one try of a phase found. */
  interface Measurement {
    long lost();

    double otherCores();
  }

  private Retries() {}

  /**
   * Measures a phase, and again while other processes disturbed it, as long as {@link #again}
   * allows. A try that lost lines stands at once (that is the finding); otherwise the least
   * disturbed try does.
   *
   * @param retrying told of the disturbed try before each new one
   */
  static <T extends Measurement> T leastDisturbed(
      Callable<T> measure, double quietCores, Consumer<T> retrying) throws Exception {
    T best = measure.call();
    for (int tries = 1; best.lost() == 0 && again(tries, best.otherCores(), quietCores); tries++) {
      retrying.accept(best);
      T next = measure.call();
      best = next.lost() > 0 || next.otherCores() < best.otherCores() ? next : best;
    }
    return best;
  }

  /**
   * @param tries how often the phase ran so far
   * @param otherCores what other processes took during the last try
   * @param quietCores the most they may take for a try to stand
   */
  private static boolean again(int tries, double otherCores, double quietCores) {
    return tries < PER_PHASE
        && otherCores > quietCores
        && USED.getAndUpdate(used -> used < PER_RUN ? used + 1 : used) < PER_RUN;
  }
}
