package org.chatroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM server's heap after GC: {@code jcmd PID GC.run} then {@code GC.heap_info}, in one jcmd call
 * (a command file), reading the first "used NK" of the heap summary; summed over the JVMs of a
 * server of several nodes.
 */
final class JcmdHeapProbe implements HeapProbe {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final List<Long> pids;
  private final Path jcmd;

  JcmdHeapProbe(List<Long> pids) {
    this.pids = List.copyOf(pids);
    Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    this.jcmd = Files.isExecutable(beside) ? beside : Path.of("jcmd");
  }

  @Override
  public long heapAfterGc() throws IOException, InterruptedException {
    long used = 0;
    for (long pid : pids) {
      used += heapAfterGc(pid);
    }
    return used;
  }

  private long heapAfterGc(long pid) throws IOException, InterruptedException {
    Path commands = Files.createTempFile("bench-jcmd", ".txt");
    try {
      Files.write(commands, List.of("GC.run", "GC.heap_info"));
      Process process =
          new ProcessBuilder(
                  "nice",
                  "-n",
                  "19",
                  jcmd.toString(),
                  Long.toString(pid),
                  "-f",
                  commands.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("jcmd failed: " + output);
      }
      Matcher used = USED.matcher(output);
      if (!used.find()) {
        throw new IOException("no heap figure in jcmd's answer: " + output);
      }
      return Long.parseLong(used.group(1)) * 1024;
    } finally {
      Files.deleteIfExists(commands);
    }
  }

  /** The class histogram of the server's JVM, or null for a server of several JVMs. */
  ClassHistogram histogram() throws IOException, InterruptedException {
    return pids.size() == 1 ? ClassHistogram.of(jcmd, pids.get(0)) : null;
  }

  @Override
  public String describe() {
    return "JVM heap used after GC.run (jcmd GC.heap_info)"
        + (pids.size() > 1 ? ", summed over " + pids.size() + " JVMs" : "");
  }
}
