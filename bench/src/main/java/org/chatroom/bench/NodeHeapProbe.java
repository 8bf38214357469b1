package org.chatroom.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node peer's V8 heap after a full GC: its {@code GET /bench/heap} runs {@code gc()} (the
 * server runs with {@code --expose-gc}) and answers {@code process.memoryUsage().heapUsed}.
 */
final class NodeHeapProbe implements HeapProbe {

  private static final Pattern USED = Pattern.compile("\"heapUsed\":(\\d+)");

  private final Target target;

  NodeHeapProbe(Target target) {
    this.target = target;
  }

  @Override
  public long heapAfterGc() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(target.http("/bench/heap")).timeout(Duration.ofSeconds(30)).build();
    String body = target.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Matcher used = USED.matcher(body);
    if (!body.contains("\"gc\":true") || !used.find()) {
      throw new IOException(
          "the Node peer gave no heap after GC (run it with --expose-gc): " + body);
    }
    return Long.parseLong(used.group(1));
  }

  @Override
  public String describe() {
    return "V8 heapUsed after gc() (process.memoryUsage)";
  }
}
