package org.chatroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many rooms at once, everyone talking: each member says its next line as soon as its previous one
 * came back to it (closed loop, one line in flight per member), so the server runs flat out and the
 * aggregate of delivered lines per second is its capacity for this mix.
 */
final class RoomsScenario {

  private final Target target;
  private final ServerProcess server;
  private final Profile profile;
  private final Results results;
  private final PrintLog log;
  private final DatabaseWork database;

  RoomsScenario(
      Target target,
      ServerProcess server,
      Profile profile,
      Results results,
      PrintLog log,
      DatabaseWork database) {
    this.target = target;
    this.server = server;
    this.profile = profile;
    this.results = results;
    this.log = log;
    this.database = database;
  }

  /**
   * @return lines lost (or doubled)
   */
  long run() throws Exception {
    int roomCount = profile.roomsCount();
    int roomSize = Math.max(1, profile.roomsClients() / roomCount);
    List<ChatClient> clients = new ArrayList<>();
    for (int i = 0; i < roomCount * roomSize; i++) {
      clients.add(new ChatClient(i, i / roomSize, "r" + i));
    }
    results.put("rooms.rooms", roomCount);
    results.put("rooms.room_size", roomSize);
    try {
      new Connector(target, profile.connectConcurrency()).connect(clients, room -> "room" + room);
      long missing =
          Connector.awaitLogins(
              ConnectScenario.rooms(clients, roomSize),
              Duration.ofSeconds(60),
              target.nodes() == 1);
      results.put("rooms.login_frames_missing", missing);
      if (missing > 0) {
        log.info("rooms: %d login frames never came (several nodes)", missing);
      }
      server.quiesce(Duration.ofSeconds(5));

      for (int i = 0; i < profile.roomsUncountedRounds(); i++) {
        Round warming = measure(clients, roomCount, roomSize);
        log.info("rooms: a round to warm up, not counted: %.0f lines/s", warming.perSecond);
      }
      // On a busy machine, the round that other processes disturbed least stands.
      Round round =
          Retries.leastDisturbed(
              () -> measure(clients, roomCount, roomSize),
              profile.quietCores(),
              disturbed ->
                  log.info(
                      "rooms: other processes took %.2f cores meanwhile; measuring again",
                      disturbed.otherCores()));
      results.put("rooms.lines_per_s", round.perSecond);
      results.put("rooms.p50_ms", round.latency.p50());
      results.put("rooms.p99_ms", round.latency.p99());
      results.put("rooms.lost", round.lost);
      results.put("rooms.measured_other_cpu_cores", round.otherCores);
      results.put("rooms.server_cpu_ms_per_1000", round.serverCpu.perThousand());
      results.put("rooms.generator_cpu_ms_per_1000", round.generatorCpu.perThousand());
      results.put("rooms.generator_cpu_cores", round.generatorCores);
      if (round.databaseCpu.perThousand() >= 0) {
        results.put("rooms.database_cpu_ms_per_1000", round.databaseCpu.perThousand());
      }
      log.info(
          "rooms: %d rooms of %d, %d lines said, %.0f lines/s delivered, p50 %.1f p99 %.1f ms,"
              + " %d lost; other processes used %.2f cores; CPU per 1,000 lines delivered: server"
              + " %.1f ms%s, generator %.1f ms (%.2f cores)",
          roomCount,
          roomSize,
          round.sent,
          round.perSecond,
          round.latency.p50(),
          round.latency.p99(),
          round.lost,
          round.otherCores,
          round.serverCpu.perThousand(),
          round.databaseCpu.perThousand() < 0
              ? ""
              : String.format(
                  java.util.Locale.ROOT,
                  " (the database %.1f ms of it)",
                  round.databaseCpu.perThousand()),
          round.generatorCpu.perThousand(),
          round.generatorCores);
      if (round.database != null) {
        round.database.put(results, "rooms.");
        log.info("rooms: %s", round.database.describe());
      }
      long lost = round.lost;
      Connector.requireHealthy(clients);
      return lost;
    } finally {
      Connector.abortAll(clients);
      server.quiesce(Duration.ofSeconds(20));
    }
  }

  /** One closed-loop round: warm-up, then the measured window, then the drain. */
  private Round measure(List<ChatClient> clients, int roomCount, int roomSize) {
    DatabaseWork.Snapshot databaseBefore = database.snapshot();
    OtherLoad others = OtherLoad.start(server);
    int warmTag = Phase.nextTag();
    int measuredTag = Phase.nextTag();
    long start = Clock.nanos();
    long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(profile.warmupMillis());
    long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(profile.measureMillis());
    Deliveries deliveries = new Deliveries(clients.size());
    AtomicLongArray sentPerRoom = new AtomicLongArray(roomCount);
    LineHandler handler =
        (client, line, receivedNanos) -> {
          if (line.tag() == measuredTag) {
            deliveries.record(client, line, receivedNanos);
          } else if (line.tag() != warmTag) {
            return;
          }
          if (line.sender() == client.index && receivedNanos < end) {
            boolean measured = receivedNanos >= measureFrom;
            if (measured) {
              sentPerRoom.incrementAndGet(client.room);
            }
            client.say(
                new LineContent(receivedNanos, measured ? measuredTag : warmTag, client.index));
          }
        };
    clients.forEach(client -> client.handle(handler));
    for (ChatClient client : clients) {
      client.say(new LineContent(Clock.nanos(), warmTag, client.index));
    }
    Clock.sleepMillis(Math.max(0, TimeUnit.NANOSECONDS.toMillis(measureFrom - Clock.nanos())));
    CpuUse serverCpu = CpuUse.of(server);
    CpuUse generatorCpu = CpuUse.ofThisProcess();
    CpuUse databaseCpu = CpuUse.of(server.companionsOnly());
    Clock.sleepMillis(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - Clock.nanos())));
    long lost =
        deliveries.await(
            clients,
            index -> sentPerRoom.get(index / roomSize),
            Duration.ofMillis(profile.drainMillis()));
    clients.forEach(client -> client.handle(LineHandler.IGNORE));
    double seconds = Math.max(1, deliveries.lastNanos() - measureFrom) / 1e9;
    long sent = 0;
    for (int room = 0; room < roomCount; room++) {
      sent += sentPerRoom.get(room);
    }
    return new Round(
        sent,
        lost,
        deliveries.total() / seconds,
        serverCpu.until(deliveries.total()),
        generatorCpu.until(deliveries.total()),
        generatorCpu.cores(),
        databaseCpu.until(deliveries.total()),
        deliveries.latencies.summary(),
        OtherLoad.coresSince(others),
        DatabaseWork.between(databaseBefore, database.snapshot()));
  }

  private record Round(
      long sent,
      long lost,
      double perSecond,
      CpuUse.PerLine serverCpu,
      CpuUse.PerLine generatorCpu,
      double generatorCores,
      CpuUse.PerLine databaseCpu,
      Latencies.Summary latency,
      double otherCores,
      DatabaseWork.Delta database)
      implements Retries.Measurement {}
}
