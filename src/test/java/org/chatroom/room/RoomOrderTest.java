package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many people talking at once in one room, on an embedded Tyrus server: every client must see every
 * line exactly once and in the one order of the room. The rate limit is raised out of the way (a
 * sender that falls behind catches up in a burst); clients pace their lines so that all of them
 * talk at the same time.
 */
class RoomOrderTest {

  private static final int CLIENTS = 100;
  private static final int LINES_EACH = 40;
  private static final int TOTAL = CLIENTS * LINES_EACH;
  private static final long PACE_MILLIS = 50;

  @RegisterExtension
  static final EmbeddedServer server =
      EmbeddedServer.withSettings(
          Map.of(ChatSettings.RATE_PER_SECOND, "1000", ChatSettings.RATE_BURST, "1000"));

  final URL base = server.base();

  @Test
  void everyClientSeesEveryLineOnceInTheSameOrder() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI room = ChatClient.roomUri(base, "load");
    List<Listener> listeners = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(4);
    try {
      for (int i = 0; i < CLIENTS; i++) {
        Listener listener = new Listener("c" + i, i == 0);
        WebSocket socket =
            http.newWebSocketBuilder()
                .header("Origin", ChatClient.origin(base))
                .buildAsync(room, listener)
                .get(20, TimeUnit.SECONDS);
        socket.sendText(Frames.login(listener.nickname), true).get(20, TimeUnit.SECONDS);
        listener.loggedIn.get(20, TimeUnit.SECONDS);
        listeners.add(listener);
        sockets.add(socket);
      }

      long start = System.nanoTime();
      List<ScheduledFuture<?>> senders = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        WebSocket socket = sockets.get(i);
        String nickname = listeners.get(i).nickname;
        AtomicInteger next = new AtomicInteger();
        senders.add(
            pacer.scheduleAtFixedRate(
                () -> {
                  int n = next.getAndIncrement();
                  if (n < LINES_EACH) {
                    socket.sendText(Frames.line(nickname + "-" + n), true).join();
                  }
                },
                i % PACE_MILLIS,
                PACE_MILLIS,
                TimeUnit.MILLISECONDS));
      }
      ScheduledFuture<?> progress =
          pacer.scheduleAtFixedRate(
              () ->
                  System.out.printf(
                      "Load: %.0f s, slowest client has %d of %d lines%n",
                      (System.nanoTime() - start) / 1e9,
                      listeners.stream().mapToInt(l -> l.count).min().orElse(0),
                      TOTAL),
              5,
              5,
              TimeUnit.SECONDS);
      for (Listener listener : listeners) {
        listener.complete.get(60, TimeUnit.SECONDS);
      }
      progress.cancel(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      senders.forEach(sender -> sender.cancel(false));

      long[] reference = listeners.get(0).ids;
      for (int i = 1; i < TOTAL; i++) {
        assertEquals(reference[i - 1] + 1, reference[i], "ids rise by one, no gap, no repeat");
      }
      for (Listener listener : listeners) {
        assertArrayEquals(reference, listener.ids, listener.nickname + " saw another order");
      }
      Set<String> expected = new HashSet<>();
      for (Listener listener : listeners) {
        for (int n = 0; n < LINES_EACH; n++) {
          expected.add(listener.nickname + "-" + n);
        }
      }
      assertEquals(expected, new HashSet<>(listeners.get(0).contents));
      System.out.printf(
          "Load: %d clients x %d lines: %d lines delivered to every client (%d deliveries) in"
              + " %.1f s, %.0f deliveries/s%n",
          CLIENTS, LINES_EACH, TOTAL, (long) TOTAL * CLIENTS, seconds, TOTAL * CLIENTS / seconds);
    } finally {
      pacer.shutdownNow();
      sockets.forEach(WebSocket::abort);
    }
  }

  /** Records the id of every chat line, without building JSON objects for two million frames. */
  private static final class Listener implements WebSocket.Listener {
    final String nickname;
    final boolean keepContents;
    final long[] ids = new long[TOTAL];
    final List<String> contents = new ArrayList<>();
    final CompletableFuture<Void> loggedIn = new CompletableFuture<>();
    final CompletableFuture<Void> complete = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile int count;

    Listener(String nickname, boolean keepContents) {
      this.nickname = nickname;
      this.keepContents = keepContents;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        if (frame.startsWith("{\"type\":\"user\"")) {
          record(frame);
        } else if (frame.startsWith("{\"type\":\"login\",\"from\":\"" + nickname + "\"")) {
          loggedIn.complete(null);
        } else if (frame.startsWith("{\"type\":\"system\"")) {
          complete.completeExceptionally(new AssertionError(nickname + " was refused: " + frame));
        }
      }
      socket.request(1);
      return null;
    }

    private void record(String frame) {
      if (count == TOTAL) {
        complete.completeExceptionally(new AssertionError(nickname + " got an extra line"));
        return;
      }
      int at = frame.indexOf("\"id\":") + 5;
      int end = at;
      while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
        end++;
      }
      ids[count++] = Long.parseLong(frame, at, end, 10);
      if (keepContents) {
        int from = frame.indexOf("\"content\":\"") + 11;
        contents.add(frame.substring(from, frame.indexOf('"', from)));
      }
      if (count == TOTAL) {
        complete.complete(null);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      complete.completeExceptionally(new AssertionError(nickname + " closed: " + code + reason));
      return null;
    }
  }
}
