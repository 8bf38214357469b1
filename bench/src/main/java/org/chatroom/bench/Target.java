package org.chatroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server under test, always on the loopback interface, and the one {@link HttpClient} every
 * connection of the run shares (one selector thread, one small pool for the callbacks).
 */
final class Target implements AutoCloseable {

  final int port;
  final HttpClient http;
  private final ExecutorService callbacks;

  Target(int port) {
    this.port = port;
    int threads =
        Integer.getInteger(
            "bench.callback-threads", Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.callbacks =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            runnable -> {
              Thread thread = new Thread(runnable, "ws-callbacks");
              thread.setDaemon(true);
              return thread;
            });
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    this.http = (threads > 0 ? builder.executor(callbacks) : builder).build();
  }

  /** The page's origin, which the chat room accepts as its own. */
  String origin() {
    return "http://127.0.0.1:" + port;
  }

  URI room(String name) {
    return URI.create("ws://127.0.0.1:" + port + "/chatroom/chat/" + name);
  }

  URI http(String path) {
    return URI.create(origin() + path);
  }

  @Override
  public void close() {
    callbacks.shutdownNow();
  }
}
