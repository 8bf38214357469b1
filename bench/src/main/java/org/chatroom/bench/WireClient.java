package org.chatroom.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection of the wire client: a non-blocking socket on one {@link WireLoop}, its opening
 * handshake, the reading of its frames by their heads ({@link FrameReader}), what its {@link
 * Dialect} makes of their text, and a queue of frames to write. Everything but {@link #send} and
 * {@link #abort} runs on the loop's thread.
 */
final class WireClient implements Transport, FrameReader.Sink, Dialect.Connection {

  private static final int NORMAL_CLOSURE = 1000;
  private static final int NO_STATUS = 1005;

  private final WireLoop loop;
  private final ChatClient client;
  private final URI room;
  private final Dialect dialect;
  private final String origin;
  private final InetAddress source;
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private final Queue<ByteBuffer> out = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushClaimed = new AtomicBoolean();
  private final FrameReader reader = new FrameReader(this);
  private Upgrade upgrade = new Upgrade();
  private SocketChannel channel;
  private SelectionKey key;
  private long receivedNanos;

  /** Set once the connection is over for us: a close answered, an abort, a failure. */
  private volatile boolean done;

  WireClient(
      WireLoop loop,
      ChatClient client,
      URI room,
      Dialect dialect,
      String origin,
      InetAddress source) {
    this.loop = loop;
    this.client = client;
    this.room = room;
    this.dialect = dialect;
    this.origin = origin;
    this.source = source;
  }

  /** Done once the dialect's session is open, which may be some frames after the upgrade. */
  CompletableFuture<Void> opened() {
    return opened;
  }

  @Override
  public void send(String frame) {
    if (done) {
      client.failed("send failed", new IOException("the connection is closed"));
      return;
    }
    out.add(ClientFrames.text(frame));
    loop.flushSoon(this);
  }

  @Override
  public void abort() {
    done = true;
    loop.execute(this::abandon);
  }

  /** True if the caller is the one to queue this connection for a flush. */
  boolean claimFlush() {
    return flushClaimed.compareAndSet(false, true);
  }

  void connect() {
    if (done) {
      return;
    }
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (source != null) {
        channel.bind(new InetSocketAddress(source, 0));
      }
      key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
      if (channel.connect(new InetSocketAddress(room.getHost(), room.getPort()))) {
        connected();
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Called by the loop with the operations the socket is ready for. */
  void ready(SelectionKey ready) {
    try {
      if (ready.isValid() && ready.isConnectable() && channel.finishConnect()) {
        connected();
      }
      if (ready.isValid() && ready.isReadable()) {
        read();
      }
      if (ready.isValid() && ready.isWritable()) {
        flush();
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void connected() {
    key.interestOps(SelectionKey.OP_READ);
    out.add(upgrade.request(room, origin));
    flush();
  }

  private void read() throws IOException {
    ByteBuffer bytes = loop.readBuffer();
    int read = channel.read(bytes);
    if (read < 0) {
      throw new IOException("the server ended the connection without a close frame");
    }
    receivedNanos = Clock.nanos();
    bytes.flip();
    if (upgrade != null) {
      if (!upgrade.read(bytes)) {
        return;
      }
      upgrade = null;
      dialect.upgraded(this);
    }
    reader.feed(bytes);
  }

  /** Writes what is queued; what the socket does not take now waits for OP_WRITE. */
  void flush() {
    flushClaimed.set(false);
    if (key == null || !key.isValid()) {
      return;
    }
    try {
      for (ByteBuffer frame; (frame = out.peek()) != null; out.poll()) {
        channel.write(frame);
        if (frame.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          return;
        }
      }
      if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
        key.interestOps(SelectionKey.OP_READ);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public void onText(byte[] head, int length) {
    if (!done) {
      dialect.read(head, length, this);
    }
  }

  @Override
  public boolean wantsWhole(byte[] head) {
    return ChatClient.tellsOfSeveral(head, head.length);
  }

  @Override
  public void sessionOpened() {
    opened.complete(null);
  }

  @Override
  public void reply(String text) {
    out.add(ClientFrames.text(text));
    loop.flushSoon(this);
  }

  @Override
  public void message(byte[] head, int from, int end) {
    client.received(head, from, end, receivedNanos);
  }

  @Override
  public void ended(String why) {
    fail(new IOException(why));
  }

  @Override
  public void onPing(byte[] payload, int length) {
    out.add(ClientFrames.pong(payload, length));
    loop.flushSoon(this);
  }

  /** Answers with a close, writes it, and closes the socket (the server closes its end). */
  @Override
  public void onClose(int code, String reason) {
    if (done) {
      return;
    }
    done = true;
    out.add(ClientFrames.close(code == NO_STATUS ? NORMAL_CLOSURE : code));
    flush();
    abandon();
    client.closed(code, reason);
  }

  private void fail(Exception e) {
    boolean expected = done;
    abandon();
    if (!opened.isDone()) {
      opened.completeExceptionally(e);
    } else if (!expected) {
      client.failed("error", e);
    }
  }

  /** Closes the socket, with no word to the server. */
  void abandon() {
    done = true;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closed all the same
      }
    }
  }
}
