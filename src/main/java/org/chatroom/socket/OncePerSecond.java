package org.chatroom.socket;

import java.util.concurrent.TimeUnit;

/**
 * Lets one event a second through and counts the rest, so that the next one let through can say how
 * many it stands for. A connection keeps one for its refusal log lines and one for its {@code
 * rate_limited} answers: a flooder would otherwise get, and write into the server log, an answer to
 * every frame it sends.
 */
final class OncePerSecond {

  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

  private boolean passedOnce;
  private long passedAt;
  private int held;

  /**
   * @return how many events were held back since the last one let through, if this one goes
   *     through; -1 if it is held back too
   */
  synchronized int pass(long nowNanos) {
    if (passedOnce && nowNanos - passedAt < QUIET_NANOS) {
      held++;
      return -1;
    }
    int heldBack = held;
    passedOnce = true;
    passedAt = nowNanos;
    held = 0;
    return heldBack;
  }
}
