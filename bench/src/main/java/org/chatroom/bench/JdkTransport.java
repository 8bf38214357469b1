package org.chatroom.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A connection of the JDK's {@code java.net.http} client ({@code --client jdk}), kept to compare
 * with the wire client: every frame arrives decoded to UTF-16, of which only the head is kept.
 */
final class JdkTransport implements WebSocket.Listener, Transport {

  /** Enough for any frame's type, from and a generator line's content. */
  private static final int HEAD = 512;

  private final ChatClient client;
  private final StringBuilder head = new StringBuilder(HEAD);

  /** Whether the message being read tells of several people: kept whole to count them. */
  private boolean whole;

  private volatile WebSocket socket;
  private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

  JdkTransport(ChatClient client) {
    this.client = client;
  }

  /** The socket as the opening handshake returned it (onOpen may not have run yet). */
  void attach(WebSocket webSocket) {
    if (socket == null) {
      socket = webSocket;
    }
  }

  /** Chained on the last send: the JDK client allows one at a time. */
  @Override
  public synchronized void send(String frame) {
    WebSocket ws = socket;
    sending =
        sending
            .thenCompose(ignored -> ws.sendText(frame, true))
            .exceptionally(
                failure -> {
                  client.failed("send failed", failure);
                  return ws;
                });
  }

  @Override
  public void abort() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    // Every callback finishes with the data before it returns: ask for everything at once.
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    long now = Clock.nanos();
    int room = HEAD - head.length();
    if (room > 0) {
      head.append(data, 0, Math.min(room, data.length()));
      whole = head.length() == HEAD && ChatClient.tellsOfSeveral(head);
      if (whole && data.length() > room) {
        head.append(data, room, data.length()); // the rest of this piece
      }
    } else if (whole) {
      head.append(data);
    }
    if (last) {
      String frame = head.toString();
      head.setLength(0);
      whole = false;
      client.received(frame, now);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    client.closed(statusCode, reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    client.failed("error", error);
  }
}
