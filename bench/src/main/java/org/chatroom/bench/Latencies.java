package org.chatroom.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * End-to-end latencies of one phase, recorded from many callback threads at once into an
 * HdrHistogram {@link Recorder} (wait-free for the writers), in microseconds.
 */
final class Latencies {

  private final Recorder recorder = new Recorder(3);

  void record(long sentNanos, long receivedNanos) {
    recorder.recordValue(Math.max(0, (receivedNanos - sentNanos) / 1000));
  }

  /** Everything recorded so far; call once, after the phase. */
  Summary summary() {
    return Summary.of(recorder.getIntervalHistogram());
  }

  /** Percentiles in milliseconds. */
  record Summary(long count, double p50, double p90, double p99, double p999, double max) {

    static Summary of(Histogram histogram) {
      return new Summary(
          histogram.getTotalCount(),
          millis(histogram.getValueAtPercentile(50)),
          millis(histogram.getValueAtPercentile(90)),
          millis(histogram.getValueAtPercentile(99)),
          millis(histogram.getValueAtPercentile(99.9)),
          millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
      return micros / 1000.0;
    }
  }
}
