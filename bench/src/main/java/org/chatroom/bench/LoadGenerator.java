package org.chatroom.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's load generator, against one server on 127.0.0.1 at a time.
 *
 * <pre>
 * run    --server NAME --label TEXT --port P[,P2...] --pid PID[,PID2...] --heap jcmd|node
 *        --out FILE [--with-pid PID,...] [--psql PATH --pg-port P] [--quick] [--sizes 100,500]
 *        [--scenarios connect,rooms,broadcast,idle] [--client wire|jdk] [--dialect chat|socketio]
 * report --reference NAME[,NAME2...] [--baseline NAME --against NAME:RATIO,...]... --out FILE
 *        RESULTS...
 * </pre>
 *
 * {@code run} exits 1 if a scenario failed or any line was lost or doubled. A server of several
 * nodes sharing their rooms has one port and one pid per node: client {@code i} talks to node
 * {@code i % nodes}, and memory and CPU are summed over the nodes. {@code --with-pid} names
 * processes that work for the server alone (its database), whose CPU is the server's; with {@code
 * --psql}, the measured phases also count what that PostgreSQL did per line (see {@link
 * DatabaseWork}). {@code report} writes the Markdown table to standard output and to the file; with
 * {@code --baseline}, the servers named by the {@code --against} that follows also get their ratios
 * to that one, and each is checked against its least ratio of the baseline's lines per second in
 * the rooms scenario; {@code --baseline} may come several times. {@code --client} chooses how the
 * generator connects: {@code wire} (the default, {@link WireDialer}) or {@code jdk} (the JDK's
 * WebSocket client, {@link JdkDialer}), to compare the two; {@code --dialect} how the server frames
 * the chat protocol: {@code chat} (the default, {@link ChatDialect}) or {@code socketio} ({@link
 * SocketIoDialect}, which the wire client alone speaks). {@code report --reference} names the
 * servers every other one gets its ratios to (the first one's columns first); a name with no
 * results is left out.
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("run") || args[0].equals("report"))) {
      System.err.println(
          "usage: run --server NAME --label TEXT --port P[,P2...] --pid PID[,PID2...]"
              + " --heap jcmd|node --out FILE [--with-pid PID,...] [--psql PATH --pg-port P]"
              + " [--quick] [--sizes 100,500] [--scenarios connect,rooms,broadcast,idle]"
              + " [--client wire|jdk] [--dialect chat|socketio]\n"
              + "       report --reference NAME[,NAME2...]"
              + " [--baseline NAME --against NAME:RATIO,...]... --out FILE RESULTS...");
      System.exit(2);
    }
    Options options = new Options(args, 1);
    int status;
    try {
      status = args[0].equals("run") ? run(options) : report(options);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  private static int run(Options options) throws Exception {
    Profile profile = options.flag("quick") ? Profile.quick() : Profile.standard();
    String sizes = options.get("sizes", null);
    if (sizes != null) {
      profile =
          profile.withBroadcastSizes(
              Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::valueOf).toList());
    }
    String name = options.require("server");
    // The smoke test leaves out the idle scenario's holds, which only wait.
    String all = options.flag("quick") ? "connect,rooms,broadcast" : "connect,rooms,broadcast,idle";
    List<String> scenarios = Arrays.asList(options.get("scenarios", all).split(","));
    List<Long> pids = numbers(options.require("pid")).stream().map(Long::valueOf).toList();
    List<Integer> ports = numbers(options.require("port"));
    if (pids.size() != ports.size()) {
      throw new IllegalArgumentException("one --pid per --port");
    }
    Path out = options.path("out");

    Results results = new Results();
    results.put("server.name", name);
    results.put("server.label", options.get("label", name));
    results.put("server.short", options.get("short", name));
    results.put("mode", profile.name());
    String client = options.get("client", "wire");
    results.put("generator.client", client);
    Dialect dialect = Dialect.named(options.get("dialect", "chat"));
    // Refused here, before any scenario: a client that cannot speak the dialect measures nothing.
    Dialer dialer = Dialer.named(client, dialect);
    results.put(
        "broadcast.sizes",
        String.join(",", profile.broadcastSizes().stream().map(String::valueOf).toList()));
    PrintLog log = new PrintLog(name);
    List<Long> companions =
        numbers(options.get("with-pid", "")).stream().map(Long::valueOf).toList();
    ServerProcess server = new ServerProcess(pids, companions);
    results.put("server.nodes", ports.size());
    DatabaseWork database =
        options.get("psql", null) == null
            ? DatabaseWork.NONE
            : new DatabaseWork(options.path("psql"), options.integer("pg-port"));
    long lost = 0;
    boolean failed = false;
    int failures = 0;
    OtherLoad wholeRun = OtherLoad.start(server);
    try (Target target = new Target(ports, dialect, dialer)) {
      HeapProbe heap =
          options.get("heap", "jcmd").equals("node")
              ? new NodeHeapProbe(target)
              : new JcmdHeapProbe(pids);
      for (String scenario : scenarios) {
        if (!server.alive()) {
          log.info("the server (pid %s) is gone; %s not run", pids, scenario);
          results.put(scenario + ".error", "server gone");
          failed = true;
          failures++;
          continue;
        }
        long started = Clock.nanos();
        OtherLoad others = OtherLoad.start(server);
        try {
          switch (scenario.trim()) {
            case "connect" ->
                new ConnectScenario(
                        target,
                        server,
                        heap,
                        profile,
                        results,
                        log,
                        out.resolveSibling("histogram-" + name + ".md"))
                    .run();
            case "idle" -> new IdleScenario(target, server, heap, profile, results, log).run();
            case "rooms" ->
                lost += new RoomsScenario(target, server, profile, results, log, database).run();
            case "broadcast" ->
                lost +=
                    new BroadcastScenario(target, server, profile, results, log, database).run();
            default -> throw new IllegalArgumentException("no scenario " + scenario);
          }
        } catch (Exception | AssertionError e) {
          failed = true;
          failures++;
          results.put(scenario + ".error", String.valueOf(e));
          log.info("%s failed: %s", scenario, e);
        }
        results.put(scenario + ".seconds", (Clock.nanos() - started) / 1e9);
        results.put(scenario + ".other_cpu_cores", OtherLoad.coresSince(others));
      }
    }
    results.put("other_cpu_cores", OtherLoad.coresSince(wholeRun));
    results.put("lost", lost);
    results.put("failed", failed ? "true" : "false");
    results.put("failures", failures);
    results.write(out);
    if (lost != 0) {
      log.info("%d line deliveries were lost or doubled", lost);
    }
    return failed || lost != 0 ? 1 : 0;
  }

  private static int report(Options options) throws Exception {
    List<Results> servers = new ArrayList<>();
    for (String file : options.positional) {
      servers.add(Results.read(Path.of(file)));
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no results to report");
    }
    List<Results> references = new ArrayList<>();
    for (String referenceName : options.get("reference", "node").split(",")) {
      servers.stream()
          .filter(server -> referenceName.trim().equals(server.get("server.name")))
          .findFirst()
          .filter(server -> !references.contains(server))
          .ifPresent(references::add);
    }
    if (references.isEmpty()) {
      references.add(servers.get(servers.size() - 1));
    }
    List<Report.Baseline> baselines = new ArrayList<>();
    List<String> baselineNames = options.all("baseline");
    List<String> againsts = options.all("against");
    if (againsts.size() != baselineNames.size()) {
      throw new IllegalArgumentException("one --against after each --baseline");
    }
    for (int i = 0; i < baselineNames.size(); i++) {
      String baselineName = baselineNames.get(i);
      Results base =
          servers.stream()
              .filter(server -> baselineName.equals(server.get("server.name")))
              .findFirst()
              .orElse(null);
      if (base != null) {
        Map<String, Double> against = new LinkedHashMap<>();
        for (String each : againsts.get(i).split(",")) {
          if (!each.isBlank()) {
            String[] parts = each.trim().split(":");
            against.put(parts[0], parts.length > 1 ? Double.parseDouble(parts[1]) : 0);
          }
        }
        baselines.add(new Report.Baseline(base, against));
      }
    }
    String table = new Report(servers, references, baselines).markdown();
    System.out.print(table);
    Path out = options.path("out");
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, table, StandardCharsets.UTF_8);
    boolean bad =
        servers.stream()
            .anyMatch(server -> server.count("lost") != 0 || "true".equals(server.get("failed")));
    return bad ? 1 : 0;
  }

  /** A comma list of integers; empty for an empty text. */
  private static List<Integer> numbers(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(each -> !each.isEmpty())
        .map(Integer::valueOf)
        .toList();
  }
}
