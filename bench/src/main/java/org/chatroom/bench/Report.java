package org.chatroom.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The servers' figures side by side in one Markdown table, with each figure's ratio to each
 * reference server's (Node ws, then socket.io): above 1 is more of it, which is better for lines
 * per second and connections per second, worse for latency and memory. A server gets no ratio to
 * itself nor to an earlier reference (that one's ratio to it is already there). With {@link
 * Baseline}s, some servers (the durable stores, two nodes) also get their ratios to another (the
 * in-memory WAR, one node), and a summary of how they fare against their targets follows the table.
 */
final class Report {

  /** The broadcast room size whose p99 the summary names, when the ramp reached it. */
  static final int SUMMARY_SIZE = 500;

  /** The p99 a room must stay under (the broadcast scenario's target). */
  static final double P99_TARGET_MS = 100;

  /**
   * A second yardstick for some servers.
   *
   * @param server the baseline's results
   * @param against the servers to compare with it, by name, each with the least ratio of the
   *     baseline's rooms lines per second it should reach (0: none)
   */
  record Baseline(Results server, Map<String, Double> against) {}

  /**
   * One server against a reference or a baseline, with the least ratio of its rooms lines per
   * second (0: none).
   */
  private record Comparison(Results base, Results server, double least) {}

  private final List<Results> servers;
  private final List<Baseline> baselines;

  private final List<Comparison> vsBase = new ArrayList<>();

  /** The ratio columns: every server against each reference in turn, then the baselines'. */
  private final List<Comparison> ratios = new ArrayList<>();

  Report(List<Results> servers, List<Results> references) {
    this(servers, references, List.of());
  }

  Report(List<Results> servers, List<Results> references, List<Baseline> baselines) {
    this.servers = servers;
    this.baselines = List.copyOf(baselines);
    for (int i = 0; i < references.size(); i++) {
      List<Results> earlier = references.subList(0, i + 1);
      for (Results server : servers) {
        if (!earlier.contains(server)) {
          ratios.add(new Comparison(references.get(i), server, 0));
        }
      }
    }
    for (Baseline baseline : baselines) {
      for (Results server : servers) {
        String name = server.get("server.name");
        if (server != baseline.server() && baseline.against().containsKey(name)) {
          vsBase.add(new Comparison(baseline.server(), server, baseline.against().get(name)));
        }
      }
    }
    ratios.addAll(vsBase);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    Results first = servers.get(0);
    out.append("Mode: ").append(first.get("mode")).append('.');
    describe(
        out,
        first,
        " Broadcast: %s senders, one line each every %s ms, in one room of C.",
        "broadcast.senders",
        "broadcast.interval_ms");
    describe(out, first, " Rooms: %s rooms of %s, closed loop.", "rooms.rooms", "rooms.room_size");
    describe(
        out,
        first,
        " Connect: %s idle connections in rooms of %s.",
        "connect.clients",
        "connect.room_size");
    describe(out, first, " Generator client: %s.", "generator.client");
    out.append("\n\n");

    out.append("| figure |");
    servers.forEach(server -> out.append(' ').append(server.get("server.label")).append(" |"));
    ratios.forEach(
        each ->
            out.append(' ')
                .append(each.server().get("server.short"))
                .append(" ÷ ")
                .append(each.base().get("server.short"))
                .append(" |"));
    out.append('\n').append("| --- |");
    for (int i = 0; i < servers.size() + ratios.size(); i++) {
      out.append(" ---: |");
    }
    out.append('\n');

    for (int size : broadcastSizes()) {
      String key = "broadcast." + size + ".";
      String what = "broadcast, " + size + " in one room: ";
      row(out, what + "filled in (s, from the last size)", key + "fill_s", Report::millis);
      row(out, what + "lines/s delivered", key + "lines_per_s", Report::count);
      row(out, what + "p50 latency (ms)", key + "p50_ms", Report::millis);
      row(out, what + "p90 latency (ms)", key + "p90_ms", Report::millis);
      row(out, what + "p99 latency (ms)", key + "p99_ms", Report::millis);
      row(out, what + "p99.9 latency (ms)", key + "p999_ms", Report::millis);
      row(out, what + "max latency (ms)", key + "max_ms", Report::millis);
      row(
          out,
          what + "CPU other processes took meanwhile (cores)",
          key + "other_cpu_cores",
          Report::cores,
          false);
      generatorRows(out, what, key);
      databaseRows(out, what, key);
    }
    row(
        out,
        "largest room with p99 < 100 ms (clients)",
        "broadcast.largest_under_target",
        Report::count);
    row(
        out,
        "largest room with p99 < 250 ms (clients; the ramp's end caps it)",
        "broadcast.largest_under_give_up",
        Report::count);
    row(out, "rooms: lines/s delivered (all rooms)", "rooms.lines_per_s", Report::count);
    row(
        out,
        "rooms: server CPU per 1,000 lines delivered (ms)",
        "rooms.server_cpu_ms_per_1000",
        Report::cpuMillis);
    row(
        out,
        "rooms: of which the database server's (ms)",
        "rooms.database_cpu_ms_per_1000",
        Report::cpuMillis);
    generatorRows(out, "rooms: ", "rooms.");
    row(
        out,
        "rooms: CPU other processes took meanwhile (cores)",
        "rooms.measured_other_cpu_cores",
        Report::cores,
        false);
    databaseRows(out, "rooms: ", "rooms.");
    row(out, "connect: connections/s (with login)", "connect.per_s", Report::count);
    row(
        out,
        "connect: heap after GC per idle connection (bytes)",
        "connect.heap_bytes_per_conn",
        Report::count);
    row(
        out,
        "connect: RSS per idle connection (bytes)",
        "connect.rss_bytes_per_conn",
        Report::growth);
    row(
        out,
        "connect: load generator CPU (cores)",
        "connect.generator_cpu_cores",
        Report::cores,
        false);
    row(
        out,
        "connect: CPU other processes took meanwhile (cores)",
        "connect.other_cpu_cores",
        Report::cores,
        false);
    idleRows(out);
    row(out, "lines lost (all scenarios)", "lost", Report::count);
    row(out, "scenarios failed (see the log)", "failures", Report::count);
    summary(out);
    return out.toString();
  }

  /** The servers against their baselines: rooms lines per second, and p99 in one room. */
  private void summary(StringBuilder out) {
    int size = summarySize();
    for (Baseline baseline : baselines) {
      Results base = baseline.server();
      List<Comparison> against = vsBase.stream().filter(each -> each.base() == base).toList();
      if (against.isEmpty()) {
        continue;
      }
      String baseName = base.get("server.short");
      out.append('\n')
          .append("Against ")
          .append(base.get("server.label"))
          .append(", in this run:\n\n");
      Double baseLines = base.number("rooms.lines_per_s");
      Double baseP99 = base.number("broadcast." + size + ".p99_ms");
      for (Comparison each : against) {
        Results server = each.server();
        out.append("- ").append(server.get("server.label")).append(": ");
        Double lines = server.number("rooms.lines_per_s");
        if (lines == null || baseLines == null || baseLines <= 0) {
          out.append("rooms not measured");
        } else {
          double ratio = lines / baseLines;
          out.append(
              String.format(
                  Locale.ROOT,
                  "rooms %s lines/s, %.2f× %s's %s",
                  count(lines),
                  ratio,
                  baseName,
                  count(baseLines)));
          if (each.least() > 0) {
            out.append(
                String.format(
                    Locale.ROOT,
                    " (target ≥ %.2f×: %s)",
                    each.least(),
                    ratio >= each.least() ? "met" : "NOT met"));
          }
        }
        Double p99 = server.number("broadcast." + size + ".p99_ms");
        if (size > 0 && p99 != null) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "; p99 with %d in one room %s ms (%s %s ms; under %s ms: %s)",
                  size,
                  millis(p99),
                  baseName,
                  baseP99 == null ? "—" : millis(baseP99),
                  count(P99_TARGET_MS),
                  p99 < P99_TARGET_MS ? "yes" : "NO"));
        } else if (size > 0) {
          out.append(String.format(Locale.ROOT, "; no p99 with %d in one room", size));
        }
        out.append('\n');
      }
    }
  }

  /** What the load generator spent in a measured window, a check that it was not the limit. */
  private void generatorRows(StringBuilder out, String what, String key) {
    row(
        out,
        what + "load generator CPU (cores)",
        key + "generator_cpu_cores",
        Report::cores,
        false);
    row(
        out,
        what + "load generator CPU per 1,000 lines delivered (ms)",
        key + "generator_cpu_ms_per_1000",
        Report::cpuMillis,
        false);
  }

  /** What PostgreSQL did per line said in a measured phase, where it was counted. */
  private void databaseRows(StringBuilder out, String what, String key) {
    row(
        out,
        what + "PostgreSQL write transactions per line said",
        key + "db_transactions_per_line",
        Report::perLine,
        false);
    row(
        out,
        what + "PostgreSQL statements per line said",
        key + "db_statements_per_line",
        Report::perLine,
        false);
    row(
        out,
        what + "notifications between the servers per line said",
        key + "db_notifications_per_line",
        Report::perLine,
        false);
  }

  /** 500 if the ramp measured it for any server, else the largest size measured; 0 if none. */
  private int summarySize() {
    TreeSet<Integer> sizes = broadcastSizes();
    if (sizes.isEmpty()) {
      return 0;
    }
    return sizes.contains(SUMMARY_SIZE) ? SUMMARY_SIZE : sizes.last();
  }

  private void idleRows(StringBuilder out) {
    for (int size : sizes("idle.sizes")) {
      String key = "idle." + size + ".";
      String what = "idle, " + size + " connections held: ";
      row(out, what + "still open at the end", key + "held", Report::count);
      row(
          out,
          what + "heap after GC per connection (bytes)",
          key + "heap_bytes_per_conn",
          Report::count);
      row(out, what + "RSS per connection (bytes)", key + "rss_bytes_per_conn", Report::growth);
      generatorRows(out, what, key);
    }
  }

  private void row(StringBuilder out, String label, String key, Function<Double, String> format) {
    row(out, label, key, format, true);
  }

  /**
   * A row of figures, and their ratios to the references' and baselines' when {@code withRatios}.
   */
  private void row(
      StringBuilder out,
      String label,
      String key,
      Function<Double, String> format,
      boolean withRatios) {
    if (servers.stream().allMatch(server -> server.number(key) == null)) {
      return; // not measured in this mode
    }
    out.append("| ").append(label).append(" |");
    for (Results server : servers) {
      Double value = server.number(key);
      out.append(' ').append(value == null ? "—" : format.apply(value)).append(" |");
    }
    for (Comparison each : ratios) {
      Double own = each.base().number(key);
      Double value = each.server().number(key);
      String ratio =
          !withRatios || value == null || own == null || own <= 0 || value < 0
              ? "—"
              : String.format(Locale.ROOT, "%.2f×", value / own);
      out.append(' ').append(ratio).append(" |");
    }
    out.append('\n');
  }

  private TreeSet<Integer> broadcastSizes() {
    return sizes("broadcast.sizes");
  }

  /** The sizes any server measured, from its comma-separated list under the key. */
  private TreeSet<Integer> sizes(String key) {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (Results server : servers) {
      String list = server.get(key);
      for (String size : list == null ? new String[0] : list.split(",")) {
        if (!size.isBlank()) {
          sizes.add(Integer.parseInt(size.trim()));
        }
      }
    }
    return sizes;
  }

  private static String count(Double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  /** A JVM's RSS can shrink when the forced GC hands memory back to the OS. */
  private static String growth(Double value) {
    return value < 0 ? "shrank (" + count(value) + ")" : count(value);
  }

  private static String cores(Double value) {
    return value < 0 ? "?" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String perLine(Double value) {
    return value < 0 ? "?" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String cpuMillis(Double value) {
    return value < 0 ? "?" : millis(value);
  }

  private static String millis(Double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }

  /** One scenario's settings, if it ran (its first key is there). */
  private static void describe(StringBuilder out, Results results, String format, String... keys) {
    if (results.get(keys[0]) == null) {
      return;
    }
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = results.get(keys[i]);
    }
    out.append(String.format(Locale.ROOT, format, values));
  }
}
