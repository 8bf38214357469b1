package org.chatroom.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections of the wire client ({@code --client wire}, the default), spread round-robin over one
 * {@link WireLoop} per core. One source address has about 28,000 ephemeral ports, fewer with the
 * last scenario's connections in TIME_WAIT: clients past {@link #ONE_ADDRESS} of a server on
 * 127.0.0.1 connect from 127.0.0.2 to 127.0.0.9 in turn (all of 127/8 is the loopback).
 */
final class WireDialer implements Dialer {

  /** Clients with a lower index connect from the default address. */
  static final int ONE_ADDRESS = 15_000;

  private static final int MORE_ADDRESSES = 8;

  private final List<WireLoop> loops = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Dialect dialect;

  WireDialer(int threads, Dialect dialect) {
    this.dialect = dialect;
    for (int i = 0; i < threads; i++) {
      loops.add(new WireLoop("wire-loop-" + i));
    }
  }

  @Override
  public CompletableFuture<Void> open(ChatClient client, URI room, String origin) {
    WireLoop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    WireClient connection =
        new WireClient(loop, client, room, dialect, origin, source(client.index, room));
    client.attach(connection, dialect);
    loop.execute(connection::connect);
    return connection.opened();
  }

  /** The address to connect from, or null for the system's choice. */
  private static InetAddress source(int index, URI room) {
    if (index < ONE_ADDRESS || !"127.0.0.1".equals(room.getHost())) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + index % MORE_ADDRESSES)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    loops.forEach(WireLoop::close);
  }
}
