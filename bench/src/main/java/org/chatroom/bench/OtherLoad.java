package org.chatroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU the rest of the machine took while something was measured: all busy time in
 * /proc/stat less the server's and the generator's own, in cores. On a shared machine this says
 * whether a figure was taken in quiet or in a crowd.
 */
final class OtherLoad {

  private static final double TICKS_PER_SECOND = 100;

  private final ServerProcess server;
  private final ServerProcess self = new ServerProcess(ProcessHandle.current().pid());
  private final long startNanos;
  private final long startBusy;
  private final long startOurs;

  private OtherLoad(ServerProcess server) throws IOException {
    this.server = server;
    this.startNanos = Clock.nanos();
    this.startBusy = busyTicks();
    this.startOurs = ourTicks();
  }

  static OtherLoad start(ServerProcess server) {
    try {
      return new OtherLoad(server);
    } catch (IOException e) {
      return null;
    }
  }

  /** Cores the other processes used on average since the start, or -1 if unknown. */
  static double coresSince(OtherLoad start) {
    if (start == null) {
      return -1;
    }
    try {
      double seconds = (Clock.nanos() - start.startNanos) / 1e9;
      long others = (busyTicks() - start.startBusy) - (start.ourTicks() - start.startOurs);
      return Math.max(0, others / TICKS_PER_SECOND / seconds);
    } catch (IOException e) {
      return -1;
    }
  }

  private long ourTicks() throws IOException {
    return server.cpuTicks() + self.cpuTicks();
  }

  /** user + nice + system + irq + softirq + steal of all CPUs, in clock ticks. */
  private static long busyTicks() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(cpu[field]);
    }
    return busy;
  }
}
