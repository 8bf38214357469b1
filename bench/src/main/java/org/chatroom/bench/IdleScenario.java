package org.chatroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle connections by the ten thousand: the server takes logged-in connections in rooms of ten up
 * to each size in turn and holds them for a while, and every one must still be open, and have had
 * no {@code system} frame, at the end. The hold outlasts the servers' keep-alive checks (the WAR
 * pings every 30 s and closes a connection whose pong is 90 s late; socket.io pings every 25 s), so
 * a server that loses track of an idle connection, or a client that stops answering, shows up as a
 * close. Heap after GC and RSS per connection are taken at each size, as in {@link
 * ConnectScenario}.
 */
final class IdleScenario {

  private final Target target;
  private final ServerProcess server;
  private final HeapProbe heap;
  private final Profile profile;
  private final Results results;
  private final PrintLog log;

  IdleScenario(
      Target target,
      ServerProcess server,
      HeapProbe heap,
      Profile profile,
      Results results,
      PrintLog log) {
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
    long heapBefore = memory ? heap.heapAfterGc() : 0;
    long rssBefore = memory ? server.rss() : 0;
    List<ChatClient> clients = new ArrayList<>();
    results.put("idle.hold_s", profile.idleHoldMillis() / 1000.0);
    results.put(
        "idle.sizes", String.join(",", profile.idleSizes().stream().map(String::valueOf).toList()));
    try {
      for (int size : profile.idleSizes()) {
        List<ChatClient> more = new ArrayList<>();
        for (int i = clients.size(); i < size; i++) {
          more.add(new ChatClient(i, i / roomSize, "z" + i));
        }
        String key = "idle." + size + ".";
        CpuUse generator = CpuUse.ofThisProcess();
        long nanos = connector.connect(more, room -> "idle" + room);
        clients.addAll(more);
        results.put(key + "connect_per_s", more.size() / (nanos / 1e9));
        Clock.sleepMillis(profile.idleHoldMillis());
        results.put(key + "generator_cpu_cores", generator.cores());
        long troubled = clients.stream().filter(ChatClient::troubled).count();
        results.put(key + "held", clients.size() - troubled);
        results.put(key + "closed", troubled);
        String heapNote = "";
        if (memory) {
          double heapEach = (heap.heapAfterGc() - heapBefore) / (double) size;
          double rssEach = (server.rss() - rssBefore) / (double) size;
          results.put(key + "heap_bytes_per_conn", heapEach);
          results.put(key + "rss_bytes_per_conn", rssEach);
          heapNote = String.format("; heap %.0f B, RSS %.0f B each", heapEach, rssEach);
        }
        log.info(
            "idle: %d connections held %.0f s, %d closed or refused%s",
            size, profile.idleHoldMillis() / 1000.0, troubled, heapNote);
        if (troubled > 0) {
          Connector.requireHealthy(clients);
        }
      }
    } finally {
      Connector.abortAll(clients);
      server.quiesce(Duration.ofSeconds(30));
    }
  }
}
