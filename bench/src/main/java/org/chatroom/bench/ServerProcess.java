package org.chatroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What /proc tells about the server's process: resident memory and CPU time used. */
final class ServerProcess {

  /** Linux's USER_HZ, the unit of utime and stime in /proc/PID/stat. */
  private static final long TICKS_PER_SECOND = 100;

  private final long pid;

  ServerProcess(long pid) {
    this.pid = pid;
  }

  /** VmRSS from /proc/PID/status, in bytes. */
  long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }

  /** User plus system CPU time so far, in clock ticks. */
  long cpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After the command: state is field 3, utime field 14 and stime field 15 (1-based).
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Running, and not a zombie waiting for its parent. */
  boolean alive() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until the server uses under a fifth of a core over a quarter of a second (its queues
   * drained, its collector done), or the time is up.
   */
  void quiesce(Duration timeout) throws IOException {
    long deadline = Clock.nanos() + timeout.toNanos();
    long before = cpuTicks();
    while (Clock.nanos() < deadline) {
      Clock.sleepMillis(250);
      long now = cpuTicks();
      if ((now - before) * 4 < TICKS_PER_SECOND / 5) {
        return;
      }
      before = now;
    }
  }
}
