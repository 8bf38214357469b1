package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted member of a room, speaking the wire protocol over the JDK's WebSocket client: it fills
 * rooms with people and lines for the browser to show, without opening more browsers. Frames are
 * read as raw JSON text; a bot only needs to know when its own login went through.
 */
final class Bot implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private Bot(String room) throws Exception {
    URI uri = URI.create(TomcatServer.BASE.toString().replaceFirst("^http", "ws") + "chat/" + room);
    socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            // The Origin the room page itself would send.
            .header("Origin", "http://localhost:" + TomcatServer.PORT)
            .buildAsync(uri, new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Connects to the room and logs in; returns once the room announced the login. */
  static Bot join(String room, String nickname) throws Exception {
    Bot bot = new Bot(room);
    bot.send("{\"type\":\"login\",\"content\":" + json(nickname) + "}");
    bot.awaitFrame("\"type\":\"login\"", "\"from\":" + json(nickname));
    return bot;
  }

  void say(String text) throws Exception {
    send("{\"type\":\"user\",\"content\":" + json(text) + "}");
  }

  /** The typing notice of the protocol extension. */
  void typing() throws Exception {
    send("{\"type\":\"typing\"}");
  }

  private void send(String frame) throws Exception {
    socket.sendText(frame, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits for a frame holding every given piece of JSON text. */
  private String awaitFrame(String... pieces) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertNotNull(frame, () -> "no frame with " + String.join(", ", pieces) + " in " + TIMEOUT);
      boolean all = true;
      for (String piece : pieces) {
        all &= frame.contains(piece);
      }
      if (all) {
        return frame;
      }
    }
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Leaves with a proper close handshake. */
  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
