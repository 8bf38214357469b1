package org.chatroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Connections of one shared JDK {@link HttpClient} (one selector thread, one small pool for the
 * callbacks), as the generator had before the wire client; {@code --client jdk}. It speaks the chat
 * dialect only: it is kept to compare clients, and {@link JdkTransport} hands over decoded text.
 */
final class JdkDialer implements Dialer {

  private static final Duration EACH = Duration.ofSeconds(30);

  private final ExecutorService callbacks;
  private final HttpClient http;

  JdkDialer() {
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

  @Override
  public CompletableFuture<Void> open(ChatClient client, URI room, String origin) {
    JdkTransport transport = new JdkTransport(client);
    return http.newWebSocketBuilder()
        .header("Origin", origin)
        .connectTimeout(EACH)
        .buildAsync(room, transport)
        .thenAccept(
            socket -> {
              transport.attach(socket);
              client.attach(transport, ChatDialect.INSTANCE);
            });
  }

  @Override
  public void close() {
    callbacks.shutdownNow();
  }
}
