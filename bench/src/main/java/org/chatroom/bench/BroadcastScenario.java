package org.chatroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One room that grows through the profile's sizes. At each size a few members talk at a fixed rate
 * (open loop) and every member records the end-to-end latency of every line: delivered lines per
 * second, latency percentiles, and the largest size whose p99 stays under the target.
 */
final class BroadcastScenario {

  /**
   * The longest a room's fill is waited for; a size whose fill the last step projects longer is not
   * tried (Node's peers, which send a frame per arrival to every member, at 10,000: ~10 minutes).
   */
  static final Duration FILL_PATIENCE = Duration.ofMinutes(4);

  private static final String ROOM = "broadcast";

  private final Target target;
  private final ServerProcess server;
  private final Profile profile;
  private final Results results;
  private final PrintLog log;
  private final DatabaseWork database;

  BroadcastScenario(
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
   * @return lines lost (or doubled) over all sizes
   */
  long run() throws Exception {
    List<ChatClient> clients = new ArrayList<>();
    Connector connector = new Connector(target, profile.connectConcurrency());
    long lost = 0;
    int largestUnderTarget = 0;
    int largestUnderGiveUp = 0;
    results.put("broadcast.senders", profile.broadcastSenders());
    results.put("broadcast.interval_ms", profile.broadcastIntervalMillis());
    double loginsPerSecond = 0;
    try {
      for (int size : profile.broadcastSizes()) {
        double projected = projectedFillSeconds(clients.size(), size, loginsPerSecond);
        if (projected > FILL_PATIENCE.toSeconds()) {
          log.info(
              "broadcast: a room of %d would take about %.0f s to fill at the last step's %.0f"
                  + " login frames/s; larger rooms are not tried",
              size, projected, loginsPerSecond);
          results.put("broadcast." + size + ".fill_projected_s", projected);
          break;
        }
        List<ChatClient> joining = new ArrayList<>();
        for (int i = clients.size(); i < size; i++) {
          joining.add(new ChatClient(i, 0, "b" + i));
        }
        long joinStart = Clock.nanos();
        connector.connect(joining, room -> ROOM);
        clients.addAll(joining);
        long missing = Connector.awaitLogins(List.of(clients), FILL_PATIENCE, target.nodes() == 1);
        if (missing > 0) {
          log.info("broadcast: %d login frames never came (several nodes)", missing);
        }
        double fillSeconds = (Clock.nanos() - joinStart) / 1e9;
        results.put("broadcast." + size + ".fill_s", fillSeconds);
        loginsPerSecond = loginFrames(size - joining.size(), size) / fillSeconds;
        server.quiesce(Duration.ofSeconds(5));
        log.info("broadcast: %d in the room (joined in %.1f s)", size, fillSeconds);

        // On a busy machine, the try that other processes disturbed least stands.
        Step step =
            Retries.leastDisturbed(
                () -> measure(clients, intervalMillis(size)),
                profile.quietCores(),
                disturbed ->
                    log.info(
                        "broadcast: other processes took %.2f cores meanwhile; measuring %d again",
                        disturbed.otherCores(), size));
        lost += step.lost;
        String key = "broadcast." + size + ".";
        results.put(key + "interval_ms", intervalMillis(size));
        results.put(key + "lines_per_s", step.linesPerSecond);
        results.put(key + "p50_ms", step.latency.p50());
        results.put(key + "p90_ms", step.latency.p90());
        results.put(key + "p99_ms", step.latency.p99());
        results.put(key + "p999_ms", step.latency.p999());
        results.put(key + "max_ms", step.latency.max());
        results.put(key + "lost", step.lost);
        results.put(key + "other_cpu_cores", step.otherCores);
        results.put(key + "generator_cpu_cores", step.generatorCores);
        results.put(key + "generator_cpu_ms_per_1000", step.generatorCpu.perThousand());
        log.info(
            "broadcast: %d clients, %d lines sent, %.0f lines/s delivered, p50 %.1f p90 %.1f p99"
                + " %.1f p99.9 %.1f max %.1f ms, %d lost; other processes used %.2f cores;"
                + " the generator %.2f cores, %.1f ms per 1,000 lines",
            size,
            step.sent,
            step.linesPerSecond,
            step.latency.p50(),
            step.latency.p90(),
            step.latency.p99(),
            step.latency.p999(),
            step.latency.max(),
            step.lost,
            step.otherCores,
            step.generatorCores,
            step.generatorCpu.perThousand());
        if (step.database != null) {
          step.database.put(results, key);
          log.info("broadcast: %d clients: %s", size, step.database.describe());
        }
        Connector.requireHealthy(clients);
        if (step.lost == 0 && step.latency.p99() < profile.latencyTargetMillis()) {
          largestUnderTarget = size;
        }
        if (step.lost == 0 && step.latency.p99() < profile.giveUpP99Millis()) {
          largestUnderGiveUp = size;
        }
        if (step.lost > 0 || step.latency.p99() > profile.giveUpP99Millis()) {
          log.info("broadcast: saturated at %d clients; larger rooms are not tried", size);
          break;
        }
      }
    } finally {
      results.put("broadcast.largest_under_target", largestUnderTarget);
      results.put("broadcast.largest_under_give_up", largestUnderGiveUp);
      results.put("broadcast.lost", lost);
      Connector.abortAll(clients);
      server.quiesce(Duration.ofSeconds(20));
    }
    return lost;
  }

  /**
   * How long growing the room from {@code from} to {@code to} members would take at the login
   * frames a second the last step saw, if every arrival cost a frame to every member (a server that
   * tells a crowd's logins together takes less: that is what the measurement shows). 0 for the
   * first.
   */
  static double projectedFillSeconds(int from, int to, double loginsPerSecond) {
    return loginsPerSecond <= 0 ? 0 : loginFrames(from, to) / loginsPerSecond;
  }

  /**
   * The login frames a room growing from {@code from} to {@code to} sends, one per arrival each.
   */
  static double loginFrames(int from, int to) {
    return ((double) to * (to + 1) - (double) from * (from + 1)) / 2;
  }

  /**
   * How often each sender talks in a room of this size: every {@code broadcastIntervalMillis} up to
   * 1,000 members, then less often in proportion, so that a larger room gets as many deliveries a
   * second as a room of 1,000 (40,000 by default) and what grows is the fan-out of each line, as in
   * hashrocket's shootout, not the offered load past what two cores carry.
   */
  private long intervalMillis(int size) {
    return (long) profile.broadcastIntervalMillis() * Math.max(1, (size + 999) / 1000);
  }

  private Step measure(List<ChatClient> clients, long intervalMillis) {
    int warmTag = Phase.nextTag();
    int measuredTag = Phase.nextTag();
    Deliveries deliveries = new Deliveries(clients.size());
    LineHandler handler =
        (client, line, receivedNanos) -> {
          if (line.tag() == measuredTag) {
            deliveries.record(client, line, receivedNanos);
          }
        };
    clients.forEach(client -> client.handle(handler));
    Senders senders =
        new Senders(
            clients.subList(0, Math.min(profile.broadcastSenders(), clients.size())),
            intervalMillis);
    DatabaseWork.Snapshot databaseBefore = database.snapshot();
    OtherLoad others = OtherLoad.start(server);
    long start = Clock.nanos() + TimeUnit.MILLISECONDS.toNanos(50);
    long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(profile.warmupMillis());
    AtomicReference<CpuUse> generatorCpu = new AtomicReference<>();
    senders.run(
        start,
        TimeUnit.MILLISECONDS.toNanos(profile.warmupMillis()),
        TimeUnit.MILLISECONDS.toNanos(profile.measureMillis()),
        warmTag,
        measuredTag,
        () -> generatorCpu.set(CpuUse.ofThisProcess()));
    long sent = senders.measuredSent.get();
    long lost = deliveries.await(clients, index -> sent, Duration.ofMillis(profile.drainMillis()));
    clients.forEach(client -> client.handle(LineHandler.IGNORE));
    double seconds = Math.max(1, deliveries.lastNanos() - measureFrom) / 1e9;
    CpuUse generator = generatorCpu.get();
    return new Step(
        sent,
        lost,
        deliveries.total() / seconds,
        generator == null ? new CpuUse.PerLine(-1) : generator.until(deliveries.total()),
        generator == null ? -1 : generator.cores(),
        deliveries.latencies.summary(),
        OtherLoad.coresSince(others),
        DatabaseWork.between(databaseBefore, database.snapshot()));
  }

  private record Step(
      long sent,
      long lost,
      double linesPerSecond,
      CpuUse.PerLine generatorCpu,
      double generatorCores,
      Latencies.Summary latency,
      double otherCores,
      DatabaseWork.Delta database)
      implements Retries.Measurement {}
}
