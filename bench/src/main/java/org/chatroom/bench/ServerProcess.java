package org.chatroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What /proc tells about the server's processes: resident memory and CPU time used, summed over
 * them (a server of several nodes has one process per node). A server may have companions,
 * processes that work for it alone (its PostgreSQL server): their CPU time, and that of their
 * children, is the server's too, while memory is the server processes' own.
 */
final class ServerProcess {

  /** Linux's USER_HZ, the unit of utime and stime in /proc/PID/stat. */
  private static final long TICKS_PER_SECOND = 100;

  private final List<Long> pids;
  private final List<Long> companions;

  ServerProcess(long pid) {
    this(List.of(pid), List.of());
  }

  ServerProcess(List<Long> pids, List<Long> companions) {
    if (pids.isEmpty() && companions.isEmpty()) {
      throw new IllegalArgumentException("no process");
    }
    this.pids = List.copyOf(pids);
    this.companions = List.copyOf(companions);
  }

  /** VmRSS from /proc/PID/status, in bytes, summed over the server's processes. */
  long rss() throws IOException {
    long rss = 0;
    for (long pid : pids) {
      rss += rss(pid);
    }
    return rss;
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }

  /** The companions alone (a database server), or null if there are none. */
  ServerProcess companionsOnly() {
    return companions.isEmpty() ? null : new ServerProcess(List.of(), companions);
  }

  /** User plus system CPU time so far, in clock ticks, the companions' included. */
  long cpuTicks() throws IOException {
    long ticks = 0;
    for (long pid : pids) {
      ticks += ownTicks(fields(pid));
    }
    if (!companions.isEmpty()) {
      Map<Long, List<Long>> children = children();
      for (long companion : companions) {
        ticks += treeTicks(companion, children);
      }
    }
    return ticks;
  }

  /** The fields of /proc/PID/stat after the command, so that field 3 (the state) is [0]. */
  private static String[] fields(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /** utime (field 14) and stime (field 15). */
  private static long ownTicks(String[] fields) {
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * A process's time and that of its live descendants, each with the time of the children it has
   * reaped (cutime and cstime, fields 16 and 17): a PostgreSQL backend that ended still counts.
   */
  private static long treeTicks(long root, Map<Long, List<Long>> children) {
    long ticks = 0;
    Deque<Long> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      long next = todo.pop();
      try {
        String[] fields = fields(next);
        ticks += ownTicks(fields) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      } catch (IOException | RuntimeException e) {
        continue; // gone meanwhile
      }
      todo.addAll(children.getOrDefault(next, List.of()));
    }
    return ticks;
  }

  /** Every process's children, by parent (field 4 of stat). */
  private static Map<Long, List<Long>> children() throws IOException {
    Map<Long, List<Long>> children = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          long parent = Long.parseLong(fields(Long.parseLong(name))[1]);
          children.computeIfAbsent(parent, p -> new ArrayList<>()).add(Long.parseLong(name));
        } catch (IOException | RuntimeException e) {
          // gone meanwhile
        }
      }
    }
    return children;
  }

  /** Every process running, and none a zombie waiting for its parent. */
  boolean alive() {
    return pids.stream().allMatch(ServerProcess::alive);
  }

  private static boolean alive(long pid) {
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
