package org.chatroom.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop pacing: each sender says a line every interval, whatever the server does, for a warm-up
 * and then a measured window. A line carries the time it was <em>due</em>, not the time the pacer
 * got round to it, so a late pacer shows as latency instead of hiding it (coordinated omission).
 */
final class Senders {

  private final List<ChatClient> senders;
  private final long intervalNanos;

  /** Measured lines sent, over all senders. */
  final AtomicLong measuredSent = new AtomicLong();

  Senders(List<ChatClient> senders, long intervalMillis) {
    this.senders = senders;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
  }

  /**
   * Sends warm-up lines tagged {@code warmTag} from {@code start}, measured ones tagged {@code
   * measuredTag} from {@code start + warmup}, until {@code start + warmup + measure}; returns once
   * the last line is sent.
   *
   * @param atMeasureFrom run on the pacer's thread when the measured window opens
   */
  void run(
      long start,
      long warmupNanos,
      long measureNanos,
      int warmTag,
      int measuredTag,
      Runnable atMeasureFrom) {
    ScheduledExecutorService pacer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "pacer");
              thread.setDaemon(true);
              return thread;
            });
    long measureFrom = start + warmupNanos;
    long end = measureFrom + measureNanos;
    CountDownLatch done = new CountDownLatch(senders.size());
    List<ScheduledFuture<?>> tasks = new ArrayList<>();
    try {
      tasks.add(
          pacer.schedule(
              atMeasureFrom, Math.max(0, measureFrom - Clock.nanos()), TimeUnit.NANOSECONDS));
      for (int i = 0; i < senders.size(); i++) {
        ChatClient sender = senders.get(i);
        long first = start + intervalNanos * i / senders.size();
        AtomicLong next = new AtomicLong(first);
        Runnable tick =
            () -> {
              long due = next.get();
              if (due >= end) {
                if (next.getAndSet(Long.MAX_VALUE) != Long.MAX_VALUE) {
                  done.countDown();
                }
                return;
              }
              next.set(due + intervalNanos);
              boolean measured = due >= measureFrom;
              if (measured) {
                measuredSent.incrementAndGet();
              }
              sender.say(new LineContent(due, measured ? measuredTag : warmTag, sender.index));
            };
        tasks.add(
            pacer.scheduleAtFixedRate(
                tick, Math.max(0, first - Clock.nanos()), intervalNanos, TimeUnit.NANOSECONDS));
      }
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      tasks.forEach(task -> task.cancel(false));
      pacer.shutdownNow();
    }
  }
}
