package org.chatroom.socket;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatroom.testing.RawWebSocket;

/**
 * Item 1 of the soak: a client that never reads while it makes the server queue frames for it:
 * logins that each bring the room's 50 history lines of 2,000 characters, type names of 50,000
 * characters, long lines that the other hoarders of its room receive too. It keeps within the frame
 * rate, so only its outbox can get it closed; once the server ends a connection it opens another.
 * The contract: the server ends it (close {@code 1008}, when the close frame still gets through)
 * instead of queueing without bound.
 */
final class NeverReader extends Hostile {

  static final String ROOM = "hoard";

  /** Within the frame rate (5 a second), so that flooding is not what ends it. */
  private static final long PACE_MILLIS = 250;

  private static final String LONG_TYPE = "t".repeat(50_000);
  private static final String LONG_LINE = "h".repeat(2_000);

  private final AtomicInteger ended = new AtomicInteger();
  private volatile RawWebSocket open;

  NeverReader(int index) {
    super("never-reader " + index, "203.0.113." + (10 + index));
  }

  @Override
  void attack(URL base, Instant until) throws Exception {
    while (Instant.now().isBefore(until)) {
      RawWebSocket socket =
          RawWebSocket.openSmall(roomUri(base, ROOM), origin(base), forwardedFor());
      if (socket.status() != 101) {
        breach("upgrade answered " + socket.status());
        socket.close();
        return;
      }
      open = socket;
      try {
        for (int step = 0; Instant.now().isBefore(until); step++) {
          socket.sendText(
              switch (step % 4) {
                case 0 -> frame("login", name.replace(' ', '-'));
                case 1 -> frame(LONG_TYPE, "x");
                case 2 -> frame("user", LONG_LINE);
                default -> frame("logout", "");
              });
          Thread.sleep(PACE_MILLIS);
        }
        // Time is up: the server may have ended it long ago, its close frame stuck behind what
        // it had queued; reading all that brings the close frame, if there is one.
        checkCloseCode(socket);
      } catch (IOException endedByServer) {
        checkCloseCode(socket);
      }
    }
    if (ended.get() == 0) {
      breach("the server never ended a connection that did not read");
    }
  }

  /**
   * Reads through what was queued to the close frame, if the server sent one; counts the connection
   * as ended by the server if it did, or dropped it.
   */
  private void checkCloseCode(RawWebSocket socket) {
    try {
      socket.readTimeout(3000);
      int code = socket.readCloseCode();
      ended.incrementAndGet();
      if (code != 1008) {
        breach("closed with " + code + " instead of 1008");
      }
    } catch (SocketTimeoutException stillOpen) {
      // Everything read, and the server still holds the connection open.
    } catch (IOException dropped) {
      ended.incrementAndGet();
    } finally {
      closeQuietly(socket);
    }
  }

  int ended() {
    return ended.get();
  }

  @Override
  void stop() {
    RawWebSocket socket = open;
    if (socket != null) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(RawWebSocket socket) {
    try {
      socket.close();
    } catch (IOException alreadyGone) {
      // nothing left to close
    }
  }
}
