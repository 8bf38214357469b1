package org.chatroom.bench;

import java.io.IOException;

/**
 * The CPU a process (and its companions) spent from a start to the end of a measured window, per
 * line delivered in it. Lines per second move with whatever else the shared machine runs; the CPU
 * one line costs moves far less, so two setups are compared by it too.
 */
final class CpuUse {

  private static final double MILLIS_PER_TICK = 10;

  private final ServerProcess process;
  private final long startTicks;
  private final long startNanos = Clock.nanos();

  private CpuUse(ServerProcess process, long startTicks) {
    this.process = process;
    this.startTicks = startTicks;
  }

  static CpuUse of(ServerProcess process) {
    if (process == null) {
      return new CpuUse(null, 0);
    }
    try {
      return new CpuUse(process, process.cpuTicks());
    } catch (IOException e) {
      return new CpuUse(null, 0);
    }
  }

  static CpuUse ofThisProcess() {
    return of(new ServerProcess(ProcessHandle.current().pid()));
  }

  /** The CPU spent since the start, over the lines delivered meanwhile. */
  PerLine until(long linesDelivered) {
    if (process == null || linesDelivered <= 0) {
      return new PerLine(-1);
    }
    try {
      double millis = (process.cpuTicks() - startTicks) * MILLIS_PER_TICK;
      return new PerLine(millis * 1000 / linesDelivered);
    } catch (IOException e) {
      return new PerLine(-1);
    }
  }

  /** The cores used on average since the start, or -1 if unknown. */
  double cores() {
    double seconds = (Clock.nanos() - startNanos) / 1e9;
    if (process == null || seconds <= 0) {
      return -1;
    }
    try {
      return (process.cpuTicks() - startTicks) * MILLIS_PER_TICK / 1000 / seconds;
    } catch (IOException e) {
      return -1;
    }
  }

  /** CPU milliseconds per 1,000 lines delivered, or -1 if unknown. */
  record PerLine(double perThousand) {}
}
