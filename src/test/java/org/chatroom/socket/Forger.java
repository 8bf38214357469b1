package org.chatroom.socket;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chatroom.testing.RawWebSocket;

/**
 * Items 1, 4 and 5 of the soak, on a bare socket: a nickname of 65,000 characters, a line whose
 * {@code from} is 30,000 characters long, a type name of 50,000, then a message whose first part is
 * sent and the rest never, and pongs that answer no ping, fast. The contract: {@code
 * nickname_invalid}, {@code forged_from}, {@code unknown_type} quoting only a short excerpt, then
 * the half-sent message and the made-up pongs count against the frame rate: {@code rate_limited},
 * and close {@code 1008} after the strikes. It answers the server's own pings, as any client does.
 */
final class Forger extends Hostile {

  /** Each forger has a room of its own, so that it reads only the answers to itself. */
  static final String ROOM = "forge";

  /** The refusal quotes at most about 64 characters of the type; its sentence is short too. */
  static final int MAX_UNKNOWN_TYPE_CONTENT = 300;

  /** Repeated refusals are answered at most once a second: each step waits that out. */
  private static final long REFUSAL_SPACING_MILLIS = 1100;

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String nickname;
  private final String room;
  private volatile RawWebSocket open;

  Forger(int index) {
    super("forger " + index, "2001:db8:bad::" + (index + 1));
    this.nickname = "forger" + index;
    this.room = ROOM + index;
  }

  @Override
  void attack(URL base, Instant until) throws Exception {
    while (Instant.now().isBefore(until)) {
      RawWebSocket socket = RawWebSocket.open(roomUri(base, room), origin(base), forwardedFor());
      open = socket;
      Reader reader = new Reader(socket);
      reader.start();
      try {
        if (!round(socket, reader)) {
          return;
        }
      } finally {
        end(socket, reader);
        open = null;
      }
    }
  }

  /** One connection's worth; false when it went so wrong that another round would tell nothing. */
  private boolean round(RawWebSocket socket, Reader reader) throws Exception {
    if (!"handshake".equals(reader.next().map(f -> f.getString("type")).orElse(null))) {
      breach("no handshake");
      return false;
    }
    socket.sendText(frame("login", "n".repeat(65_000)));
    expectRefusal(reader, "nickname_invalid", "a nickname of 65,000 characters");
    Thread.sleep(REFUSAL_SPACING_MILLIS);

    socket.sendText(frame("login", nickname));
    if (!reader.loggedIn(nickname)) {
      breach("could not log in");
      return false;
    }
    socket.sendText(
        "{\"type\":\"user\",\"from\":\"" + "f".repeat(30_000) + "\",\"content\":\"hi\"}");
    expectRefusal(reader, "forged_from", "a from of 30,000 characters");
    Thread.sleep(REFUSAL_SPACING_MILLIS);

    socket.sendText(frame("u".repeat(50_000), "x"));
    Optional<JsonObject> unknown = expectRefusal(reader, "unknown_type", "a type of 50,000");
    unknown
        .map(frame -> frame.getString("content", ""))
        .filter(content -> content.length() > MAX_UNKNOWN_TYPE_CONTENT)
        .ifPresent(
            content ->
                breach("unknown_type quoted " + content.length() + " characters of the type"));
    Thread.sleep(REFUSAL_SPACING_MILLIS);

    socket.sendPart(
        RawWebSocket.TEXT,
        "{\"type\":\"user\",\"content\":\"never fin".getBytes(StandardCharsets.UTF_8),
        false);
    byte[] madeUp = new byte[8];
    // A round begun near the soak's end still gets the seconds a flood takes to be caught.
    Instant pongsUntil = Instant.now().plusSeconds(10);
    while (!reader.closed.isDone() && Instant.now().isBefore(pongsUntil)) {
      RANDOM.nextBytes(madeUp);
      try {
        socket.send(RawWebSocket.PONG, madeUp);
      } catch (IOException closedMeanwhile) {
        break;
      }
      Thread.sleep(20);
    }
    Integer code;
    try {
      // The strikes are spent within a second or two of pongs; the close follows.
      code = reader.closed.get(1, TimeUnit.SECONDS);
    } catch (TimeoutException stillOpen) {
      breach("still open after 10 s of made-up pongs");
      return false;
    }
    if (!reader.rateLimited) {
      breach("made-up pongs were never refused rate_limited");
    }
    if (code != 1008) {
      breach("closed with " + code + " instead of 1008 after made-up pongs");
    }
    return true;
  }

  private Optional<JsonObject> expectRefusal(Reader reader, String code, String what)
      throws InterruptedException {
    Optional<JsonObject> frame = reader.next();
    if (frame.isEmpty() || !code.equals(frame.get().getString("code", null))) {
      breach(what + " was answered " + frame.map(Object::toString).orElse("with nothing"));
      return Optional.empty();
    }
    return frame;
  }

  /**
   * Closes as a client that reads on another thread must: a close frame, then the reader's word.
   */
  private static void end(RawWebSocket socket, Reader reader) {
    try {
      if (!reader.closed.isDone()) {
        socket.send(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});
        reader.closed.get(2, TimeUnit.SECONDS);
      }
    } catch (Exception alreadyGone) {
      // closed by the server, or not answering: nothing left to be polite to
    } finally {
      socket.abort();
    }
  }

  @Override
  void stop() {
    RawWebSocket socket = open;
    if (socket != null) {
      socket.abort();
    }
  }

  /** Reads the forger's socket on its own thread: text frames to a queue, pings answered. */
  private static final class Reader extends Thread {
    final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile boolean rateLimited;
    private final RawWebSocket socket;

    Reader(RawWebSocket socket) {
      super("soak-forger-reader");
      setDaemon(true);
      this.socket = socket;
    }

    @Override
    public void run() {
      try {
        socket.readTimeout(0);
        while (true) {
          RawWebSocket.Received received = socket.receive();
          switch (received.opcode()) {
            case RawWebSocket.TEXT -> {
              JsonObject frame = Json.createReader(new StringReader(received.text())).readObject();
              if ("rate_limited".equals(frame.getString("code", null))) {
                rateLimited = true;
              }
              frames.add(frame);
            }
            case RawWebSocket.PING -> socket.send(RawWebSocket.PONG, received.payload());
            case RawWebSocket.CLOSE -> {
              closed.complete(received.closeCode());
              return;
            }
            default -> {
              // nothing else is expected
            }
          }
        }
      } catch (IOException broken) {
        closed.complete(-1);
      }
    }

    /** The next text frame, waiting a while for it. */
    Optional<JsonObject> next() throws InterruptedException {
      return Optional.ofNullable(frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    boolean loggedIn(String nickname) throws InterruptedException {
      for (Optional<JsonObject> frame = next(); frame.isPresent(); frame = next()) {
        if ("login".equals(frame.get().getString("type"))
            && nickname.equals(frame.get().getString("from", null))) {
          return true;
        }
      }
      return false;
    }
  }
}
