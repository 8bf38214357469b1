package org.chatroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle connections: how fast the server takes connections that log in, and what each one costs it
 * in heap (after a full GC) and in resident memory, as (with C connections - with none) / C.
 * Members sit in small rooms, as idle people do, so the figure is the connection's and not one
 * giant room's user list.
 */
final class ConnectScenario {

  private static final int WARM_UP_CLIENTS = 100;

  private final Target target;
  private final ServerProcess server;
  private final HeapProbe heap;
  private final Profile profile;
  private final Results results;
  private final PrintLog log;
  private final Path histogramFile;

  /**
   * @param histogramFile where a JVM server's class histogram per connection goes (see {@link
   *     ClassHistogram}) when memory is measured
   */
  ConnectScenario(
      Target target,
      ServerProcess server,
      HeapProbe heap,
      Profile profile,
      Results results,
      PrintLog log,
      Path histogramFile) {
    this.histogramFile = histogramFile;
    this.target = target;
    this.server = server;
    this.heap = heap;
    this.profile = profile;
    this.results = results;
    this.log = log;
  }

  void run() throws Exception {
    Connector connector = new Connector(target, profile.connectConcurrency());
    int roomSize = profile.connectRoomSize();

    boolean memory = profile.measureMemory();
    if (memory) {
      // Load the classes and warm the paths a connection takes before the empty-server baseline.
      List<ChatClient> warm =
          clients(Math.min(WARM_UP_CLIENTS, profile.connectClients()), roomSize);
      connector.connect(warm, room -> "warm" + room);
      Connector.abortAll(warm);
      server.quiesce(Duration.ofSeconds(10));
    }

    long heapBefore = memory ? heap.heapAfterGc() : 0;
    long rssBefore = memory ? server.rss() : 0;
    ClassHistogram classesBefore = memory ? classes() : null;

    int count = profile.connectClients();
    results.put("connect.clients", count);
    results.put("connect.room_size", roomSize);
    List<ChatClient> clients = clients(count, roomSize);
    try {
      CpuUse generator = CpuUse.ofThisProcess();
      long nanos = connector.connect(clients, room -> "idle" + room);
      double perSecond = count / (nanos / 1e9);
      Connector.awaitLogins(rooms(clients, roomSize), Duration.ofSeconds(60), target.nodes() == 1);
      results.put("connect.generator_cpu_cores", generator.cores());
      Connector.requireHealthy(clients);
      results.put("connect.per_s", perSecond);
      if (!memory) {
        log.info("connect: %d connections logged in at %.0f/s", count, perSecond);
        return;
      }
      server.quiesce(Duration.ofSeconds(10));
      long heapAfter = heap.heapAfterGc();
      long rssAfter = server.rss();
      ClassHistogram classesAfter = classes();
      if (classesBefore != null && classesAfter != null) {
        Files.writeString(
            histogramFile,
            classesAfter.perConnectionSince(classesBefore, count, results.get("server.label")));
        log.info("connect: what a connection holds, class by class: %s", histogramFile);
      }
      double heapEach = (heapAfter - heapBefore) / (double) count;
      double rssEach = (rssAfter - rssBefore) / (double) count;
      results.put("connect.heap_base_bytes", heapBefore);
      results.put("connect.heap_after_bytes", heapAfter);
      results.put("connect.heap_bytes_per_conn", heapEach);
      results.put("connect.rss_base_bytes", rssBefore);
      results.put("connect.rss_after_bytes", rssAfter);
      results.put("connect.rss_bytes_per_conn", rssEach);
      results.put("connect.heap_probe", heap.describe());
      log.info(
          "connect: %d connections logged in at %.0f/s; heap %.1f -> %.1f MiB (%.0f B each),"
              + " RSS %.1f -> %.1f MiB (%.0f B each)",
          count,
          perSecond,
          heapBefore / 1048576.0,
          heapAfter / 1048576.0,
          heapEach,
          rssBefore / 1048576.0,
          rssAfter / 1048576.0,
          rssEach);
    } finally {
      Connector.abortAll(clients);
      server.quiesce(Duration.ofSeconds(20));
    }
  }

  private ClassHistogram classes() throws Exception {
    return heap instanceof JcmdHeapProbe jcmd ? jcmd.histogram() : null;
  }

  private static List<ChatClient> clients(int count, int roomSize) {
    List<ChatClient> clients = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      clients.add(new ChatClient(i, i / roomSize, "i" + i));
    }
    return clients;
  }

  static List<List<ChatClient>> rooms(List<ChatClient> clients, int roomSize) {
    List<List<ChatClient>> rooms = new ArrayList<>();
    for (int from = 0; from < clients.size(); from += roomSize) {
      rooms.add(clients.subList(from, Math.min(clients.size(), from + roomSize)));
    }
    return rooms;
  }
}
