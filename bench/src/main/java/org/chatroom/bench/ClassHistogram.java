package org.chatroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM server holds, class by class ({@code jcmd PID GC.class_histogram}, which collects
 * first), and what one idle connection adds: the difference of two histograms divided by the
 * connections opened between them, grouped by whose classes they are. It says which part of a
 * connection's heap the WAR could lower and which is the container's.
 */
final class ClassHistogram {

  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  /** Whose classes, by name prefix; the first that matches. */
  private static final Map<String, String> OWNERS = new LinkedHashMap<>();

  static {
    OWNERS.put("org.chatroom.", "the WAR (org.chatroom)");
    OWNERS.put("org.apache.", "Tomcat (org.apache)");
    OWNERS.put("org.glassfish.", "Payara: Grizzly, Tyrus, Weld's host (org.glassfish)");
    OWNERS.put("com.sun.enterprise.", "Payara (com.sun.enterprise)");
    OWNERS.put("fish.payara.", "Payara (fish.payara)");
    OWNERS.put("org.jboss.", "Weld (org.jboss)");
    OWNERS.put("[B", "byte[] (buffers, strings' bytes)");
    OWNERS.put("[C", "char[]");
  }

  private static final String OTHER = "other (JDK collections, strings, locks, ...)";

  /** Instances and bytes per class name. */
  private final Map<String, long[]> classes;

  private ClassHistogram(Map<String, long[]> classes) {
    this.classes = classes;
  }

  static ClassHistogram of(Path jcmd, long pid) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "nice", "-n", "19", jcmd.toString(), Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("jcmd GC.class_histogram failed: " + output);
    }
    Map<String, long[]> classes = new HashMap<>();
    for (String line : output.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        classes.put(
            row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
      }
    }
    return new ClassHistogram(classes);
  }

  /** A Markdown account of what each of {@code count} connections opened since then added. */
  String perConnectionSince(ClassHistogram before, int count, String server) {
    List<Growth> growths = new ArrayList<>();
    Map<String, Double> byOwner = new LinkedHashMap<>();
    OWNERS.values().forEach(owner -> byOwner.put(owner, 0.0));
    byOwner.put(OTHER, 0.0);
    double total = 0;
    for (Map.Entry<String, long[]> entry : classes.entrySet()) {
      long[] then = before.classes.getOrDefault(entry.getKey(), new long[2]);
      Growth growth =
          new Growth(
              entry.getKey(),
              (entry.getValue()[1] - then[1]) / (double) count,
              (entry.getValue()[0] - then[0]) / (double) count);
      total += growth.bytes;
      byOwner.merge(owner(entry.getKey()), growth.bytes, Double::sum);
      growths.add(growth);
    }
    growths.sort(Comparator.comparingDouble(Growth::bytes).reversed());
    StringBuilder out = new StringBuilder();
    out.append("# What one idle connection holds on ").append(server).append("\n\n");
    out.append("`jcmd GC.class_histogram` before and after ")
        .append(count)
        .append(" idle logged-in connections, the difference divided by them: ")
        .append(format(total))
        .append(" bytes each.\n\n| whose classes | bytes per connection |\n| --- | ---: |\n");
    byOwner.forEach(
        (owner, bytes) ->
            out.append("| ").append(owner).append(" | ").append(format(bytes)).append(" |\n"));
    out.append("\n| class | bytes per connection | instances per connection |\n");
    out.append("| --- | ---: | ---: |\n");
    growths.stream()
        .limit(30)
        .forEach(
            growth ->
                out.append("| `")
                    .append(growth.className)
                    .append("` | ")
                    .append(format(growth.bytes))
                    .append(" | ")
                    .append(format(growth.instances))
                    .append(" |\n"));
    return out.toString();
  }

  private record Growth(String className, double bytes, double instances) {}

  private static String owner(String className) {
    for (Map.Entry<String, String> owner : OWNERS.entrySet()) {
      if (className.startsWith(owner.getKey())) {
        return owner.getValue();
      }
    }
    return OTHER;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%,.1f", value);
  }
}
