package org.chatroom.guard;

import java.util.function.LongSupplier;

/**
 * A per-connection rate limit: {@code burst} frames may come at once, then {@code perSecond} on
 * average. Each refused frame is a strike and each frame let through takes one strike back; a
 * connection whose strikes reach the limit is flooding and should be closed. Taking back one, not
 * all, matters: a flooder sending ten frames per token would otherwise have its strikes forgiven by
 * every token and stay connected for ever, refused nine times in ten.
 */
public final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private final int maxStrikes;
  private final LongSupplier clock;

  private double tokens;
  private long refilledAt;
  private int strikes;

  /** The outcome of one frame. */
  public enum Verdict {
    ALLOWED,
    REFUSED,
    FLOODING
  }

  public TokenBucket(double perSecond, int burst, int maxStrikes) {
    this(perSecond, burst, maxStrikes, System::nanoTime);
  }

  /** With a nanosecond clock of the caller's; {@link System#nanoTime} otherwise. */
  TokenBucket(double perSecond, int burst, int maxStrikes, LongSupplier clock) {
    this.perNano = perSecond / 1e9;
    this.capacity = burst;
    this.maxStrikes = maxStrikes;
    this.clock = clock;
    this.tokens = burst;
    this.refilledAt = clock.getAsLong();
  }

  /** Returns a token taken for something that then did not happen. */
  public synchronized void giveBack() {
    tokens = Math.min(capacity, tokens + 1);
  }

  public synchronized Verdict take() {
    long now = clock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      strikes = Math.max(0, strikes - 1);
      return Verdict.ALLOWED;
    }
    return ++strikes >= maxStrikes ? Verdict.FLOODING : Verdict.REFUSED;
  }
}
