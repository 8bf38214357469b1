package org.chatroom.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether to measure a phase again because other processes took the machine meanwhile: at most
 * {@link #PER_PHASE} tries of one phase and {@link #PER_RUN} repeats in a whole run, so that a busy
 * machine costs minutes, not hours.
 */
final class Retries {

  static final int PER_PHASE = 3;
  static final int PER_RUN = 4;

  private static final AtomicInteger USED = new AtomicInteger();

  private Retries() {}

  /**
   * @param tries how often the phase ran so far
   * @param otherCores what other processes took during the last try
   * @param quietCores the most they may take for a try to stand
   */
  static boolean again(int tries, double otherCores, double quietCores) {
    return tries < PER_PHASE
        && otherCores > quietCores
        && USED.getAndUpdate(used -> used < PER_RUN ? used + 1 : used) < PER_RUN;
  }
}
