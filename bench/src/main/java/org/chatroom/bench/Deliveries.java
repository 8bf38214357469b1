package org.chatroom.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntToLongFunction;

/**
 * The measured lines each client received in one phase, their latencies, and the check that every
 * client got every line of its room exactly once by the end.
 */
final class Deliveries {

  final Latencies latencies = new Latencies();
  private final AtomicIntegerArray received;
  private final LongAdder total = new LongAdder();
  private final LongAccumulator last = new LongAccumulator(Math::max, 0);

  Deliveries(int clients) {
    received = new AtomicIntegerArray(clients);
  }

  void record(ChatClient client, LineContent line, long receivedNanos) {
    latencies.record(line.sentNanos(), receivedNanos);
    received.incrementAndGet(client.index);
    total.increment();
    last.accumulate(receivedNanos);
  }

  long total() {
    return total.sum();
  }

  /** When the last measured line arrived, in {@link Clock#nanos()}. */
  long lastNanos() {
    return last.get();
  }

  /**
   * Waits until every client has its expected count, or the time is up.
   *
   * @return the lines missing (or doubled) over all clients: 0 when all arrived
   */
  long await(List<ChatClient> clients, IntToLongFunction expected, Duration timeout) {
    long deadline = Clock.nanos() + timeout.toNanos();
    while (missing(clients, expected) > 0
        && Clock.nanos() < deadline
        && clients.stream().noneMatch(ChatClient::troubled)) {
      Clock.sleepMillis(20);
    }
    return off(clients, expected);
  }

  private long missing(List<ChatClient> clients, IntToLongFunction expected) {
    long missing = 0;
    for (ChatClient client : clients) {
      missing += Math.max(0, expected.applyAsLong(client.index) - received.get(client.index));
    }
    return missing;
  }

  private long off(List<ChatClient> clients, IntToLongFunction expected) {
    long off = 0;
    for (ChatClient client : clients) {
      off += Math.abs(expected.applyAsLong(client.index) - received.get(client.index));
    }
    return off;
  }
}
