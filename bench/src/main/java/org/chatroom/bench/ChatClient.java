package org.chatroom.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chat connection: the {@link WebSocket.Listener} that turns frames into events (its own login,
 * others' logins, chat lines, errors, a close) and an ordered sender. Only the head of each message
 * is kept: the generator never needs the long user lists of {@code login} frames.
 */
final class ChatClient implements WebSocket.Listener {

  /** Enough for any frame's type, from and a generator line's content. */
  private static final int HEAD = 512;

  private static final String LOGIN = "{\"type\":\"login\",\"from\":\"";
  private static final String SYSTEM = "{\"type\":\"system\"";

  final int index;
  final int room;
  final String nickname;
  final CompletableFuture<ChatClient> loggedIn = new CompletableFuture<>();
  final AtomicInteger loginsSeen = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();

  private final StringBuilder head = new StringBuilder(HEAD);
  private final String ownLogin;
  private volatile LineHandler handler = LineHandler.IGNORE;
  private volatile WebSocket socket;
  private volatile boolean closedByServer;
  private volatile String lastError;
  private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

  ChatClient(int index, int room, String nickname) {
    this.index = index;
    this.room = room;
    this.nickname = nickname;
    this.ownLogin = LOGIN + nickname + '"';
  }

  void handle(LineHandler lines) {
    handler = lines;
  }

  /** Sends after every earlier send of this client: the JDK client allows one at a time. */
  synchronized void send(String frame) {
    WebSocket ws = socket;
    sending =
        sending
            .thenCompose(ignored -> ws.sendText(frame, true))
            .exceptionally(
                failure -> {
                  errors.incrementAndGet();
                  lastError = "send failed: " + failure;
                  return ws;
                });
  }

  /** The socket as the opening handshake returned it (onOpen may not have run yet). */
  void attach(WebSocket webSocket) {
    if (socket == null) {
      socket = webSocket;
    }
  }

  void login() {
    send("{\"type\":\"login\",\"content\":\"" + nickname + "\"}");
  }

  void abort() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  boolean closedByServer() {
    return closedByServer;
  }

  String lastError() {
    return lastError;
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
    }
    if (last) {
      String frame = head.toString();
      head.setLength(0);
      dispatch(frame, now);
    }
    return null;
  }

  private void dispatch(String frame, long now) {
    LineContent line = LineContent.parse(frame);
    if (line != null) {
      handler.onLine(this, line, now);
    } else if (frame.startsWith(LOGIN)) {
      loginsSeen.incrementAndGet();
      if (frame.startsWith(ownLogin)) {
        loggedIn.complete(this);
      }
    } else if (frame.startsWith(SYSTEM)) {
      errors.incrementAndGet();
      lastError = frame;
      loggedIn.completeExceptionally(new IllegalStateException(nickname + " refused: " + frame));
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closedByServer = true;
    lastError = "closed by the server: " + statusCode + " " + reason;
    loggedIn.completeExceptionally(new IllegalStateException(nickname + " " + lastError));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    errors.incrementAndGet();
    lastError = "error: " + error;
    loggedIn.completeExceptionally(error);
  }
}
