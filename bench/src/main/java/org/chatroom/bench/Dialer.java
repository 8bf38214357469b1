package org.chatroom.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a client's connection to a room: {@code wire} ({@link WireDialer}, the default) or {@code
 * jdk} ({@link JdkDialer}), which the {@code --client} option chooses so the two can be compared.
 */
interface Dialer extends AutoCloseable {

  /**
   * Opens a connection for {@code client} and attaches it ({@link ChatClient#attach}).
   *
   * @param room the room's WebSocket address
   * @param origin the page origin the server must accept
   * @return done once the opening handshake is, failed if it failed
   */
  CompletableFuture<Void> open(ChatClient client, URI room, String origin);

  @Override
  void close();

  /** The dialer {@code --client} names, {@code wire} or {@code jdk}, speaking {@code dialect}. */
  static Dialer named(String name, Dialect dialect) {
    return switch (name) {
      case "wire" ->
          new WireDialer(Math.max(2, Runtime.getRuntime().availableProcessors()), dialect);
      case "jdk" -> {
        if (dialect != ChatDialect.INSTANCE) {
          throw new IllegalArgumentException(
              "--client jdk speaks the chat protocol only, not Socket.IO: use --client wire");
        }
        yield new JdkDialer();
      }
      default -> throw new IllegalArgumentException("no client " + name + " (wire or jdk)");
    };
  }
}
