package org.chatroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The server under test, always on the loopback interface, and the {@link Dialer} every connection
 * of the run goes through. The server may be several nodes that share their rooms (through one
 * database): client {@code i} then talks to node {@code i % nodes}, so every room has members, and
 * talkers, on each node. With {@code -Dbench.node-block=B} (GENERATOR_OPTS) clients go to the nodes
 * in blocks of B instead: with the rooms scenario's room size, each room lives on one node, which
 * measures two servers on the machine without the cost of sharing a room.
 */
final class Target implements AutoCloseable {

  private static final int NODE_BLOCK = Math.max(1, Integer.getInteger("bench.node-block", 1));

  private final List<Integer> ports;

  /** For plain HTTP requests (a heap probe), not for the chat connections. */
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  final Dialer dialer;
  private final Dialect dialect;

  Target(List<Integer> ports, Dialect dialect, Dialer dialer) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("no port");
    }
    this.ports = List.copyOf(ports);
    this.dialect = dialect;
    this.dialer = dialer;
  }

  int nodes() {
    return ports.size();
  }

  private int port(int client) {
    return ports.get(Math.floorMod(client / NODE_BLOCK, ports.size()));
  }

  /** The page's origin on the client's node, which that node accepts as its own. */
  String origin(int client) {
    return "http://127.0.0.1:" + port(client);
  }

  /** The room's WebSocket address on the client's node. */
  URI room(String name, int client) {
    return URI.create("ws://127.0.0.1:" + port(client) + dialect.path(name));
  }

  /** An HTTP address on the first node. */
  URI http(String path) {
    return URI.create(origin(0) + path);
  }

  @Override
  public void close() {
    dialer.close();
  }
}
