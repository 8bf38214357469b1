package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.chatroom.testing.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox's own rules, against a stand-in for the container's session: one send at a time, in
 * order, no recursion when sends complete at once, and a bound on what a slow client may owe and
 * for how long. One case holds a real client that stops reading against an embedded Tyrus server;
 * the in-container tests prove the same against Tomcat and Payara.
 */
class OutboxTest {

  private static final int SEND_TIMEOUT_MILLIS = 1000;

  /**
   * A short send timeout, and nothing else that would close a client that stops reading first: no
   * ping goes unanswered long enough, no queue fills up.
   */
  @RegisterExtension
  static final EmbeddedServer server =
      EmbeddedServer.withSettings(
          Map.of(
              ChatSettings.SEND_TIMEOUT_MS, String.valueOf(SEND_TIMEOUT_MILLIS),
              ChatSettings.IDLE_TIMEOUT_MS, "600000",
              ChatSettings.OUTBOX_LIMIT, "1000000",
              ChatSettings.OUTBOX_MAX_BYTES, String.valueOf(1 << 30),
              ChatSettings.MAX_MESSAGE_LENGTH, "100000",
              ChatSettings.MAX_FRAME_SIZE, "262144",
              ChatSettings.RATE_BURST, "1000"));

  private final SessionCloser closer = new SessionCloser();
  private final FakeConnection connection = new FakeConnection();

  @AfterEach
  void stop() {
    closer.stop();
  }

  @Test
  void sendsOneFrameAtATimeInOrder() {
    Outbox outbox = new Outbox(connection.session(), 100, 1 << 30, closer);
    outbox.enqueue("a");
    outbox.enqueue("b");
    outbox.flush();
    outbox.deliver("c");
    assertEquals(List.of("a"), connection.sent);

    connection.completeNext();
    assertEquals(List.of("a", "b"), connection.sent);
    connection.completeNext();
    connection.completeNext();
    assertEquals(List.of("a", "b", "c"), connection.sent);
    assertEquals(1, connection.maxInFlight);
  }

  @Test
  void sendsThatCompleteAtOnceDoNotRecurse() {
    connection.completeAtOnce = true;
    Outbox outbox = new Outbox(connection.session(), 200_000, 1 << 30, closer);
    for (int i = 0; i < 100_000; i++) {
      outbox.enqueue("frame " + i);
    }
    outbox.flush();
    assertEquals(100_000, connection.sent.size());
    assertEquals("frame 99999", connection.sent.get(99_999));
    assertTrue(
        connection.maxStackDepth - connection.minStackDepth < 20, "stack grew with the queue");
  }

  @Test
  void clientThatOwesTooManyFramesIsClosedWith1008() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 16, 1 << 30, closer);
    for (int i = 0; i <= 16; i++) {
      outbox.deliver("frame " + i);
    }
    CloseReason reason = connection.closed.get(5, TimeUnit.SECONDS);
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, reason.getCloseCode());
    outbox.deliver("after the close");
    assertEquals(List.of("frame 0"), connection.sent);
  }

  @Test
  void clientThatOwesTooManyBytesIsClosedWith1008EvenWithFewFrames() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 1000, 100_000, closer);
    String big = "x".repeat(20_000); // 40,000 bytes as the outbox weighs it
    outbox.deliver(big); // in flight
    outbox.deliver(big); // queued: 80,000 bytes owed
    assertFalse(connection.closed.isDone());
    outbox.deliver(big); // 120,000 bytes: over
    CloseReason reason = connection.closed.get(5, TimeUnit.SECONDS);
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, reason.getCloseCode());
    assertEquals(1, connection.sent.size());
  }

  @Test
  void bytesSentAreNoLongerOwed() {
    Outbox outbox = new Outbox(connection.session(), 1000, 100_000, closer);
    String big = "x".repeat(20_000);
    for (int i = 0; i < 10; i++) {
      outbox.deliver(big);
      connection.completeNext();
    }
    assertEquals(10, connection.sent.size());
    assertFalse(connection.closed.isDone());
  }

  @Test
  void failedSendClosesWith1008() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 16, 1 << 30, closer);
    outbox.deliver("a");
    outbox.deliver("b");
    connection.failNext(new SocketTimeoutException("send timed out"));
    assertEquals(
        CloseReason.CloseCodes.VIOLATED_POLICY,
        connection.closed.get(5, TimeUnit.SECONDS).getCloseCode());
    assertEquals(List.of("a"), connection.sent);
  }

  @Test
  void sendPendingPastTheTimeoutIsGivenUpWith1008() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 16, 1 << 30, closer);
    long timeout = TimeUnit.SECONDS.toNanos(10);
    outbox.deliver("a");
    long started = System.nanoTime();
    assertFalse(outbox.abandonIfStuck(started + timeout / 2, timeout), "pending, but not for long");
    connection.completeNext();
    assertFalse(outbox.abandonIfStuck(started + 2 * timeout, timeout), "nothing in flight");

    outbox.deliver("b");
    assertTrue(outbox.abandonIfStuck(System.nanoTime() + 2 * timeout, timeout));
    assertFalse(outbox.abandonIfStuck(System.nanoTime() + 3 * timeout, timeout), "given up once");
    assertTrue(outbox.closeIfDecided());
    assertEquals(
        CloseReason.CloseCodes.VIOLATED_POLICY,
        connection.closed.get(5, TimeUnit.SECONDS).getCloseCode());
    // The heartbeat times sends: a container's timeout would watch every write (Tomcat's does).
    assertFalse(connection.sendTimeoutSet, "the container was given a send timeout");
    assertEquals(
        1000L,
        connection.userProperties.get("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT"),
        "a blocked ping would hold the heartbeat's thread for Tomcat's default 20 s");
  }

  @Test
  void realClientThatStopsReadingIsClosedWith1008SoonAfterTheSendTimeout() throws Exception {
    URL base = server.base();
    String room = "stuck";
    try (ChatClient talker = ChatClient.login(base, room, "talker");
        RawWebSocket sloth =
            RawWebSocket.openSmall(ChatClient.roomUri(base, room), ChatClient.origin(base))) {
      sloth.sendText(Frames.login("sloth"));
      talker.skipUntil("login", "sloth");
      // 10 MB: far more than the sloth's socket buffers and the server's hold.
      String line = "x".repeat(100_000);
      long firstSaid = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        talker.say(line);
      }
      for (int i = 0; i < 100; i++) {
        talker.skipUntil("user", "talker");
      }
      // Every line is queued for the sloth by now, and its send has been stuck since before.
      long allQueued = System.nanoTime();
      talker.skipUntil("logout", "sloth");
      long closed = System.nanoTime();

      // Caught by the heartbeat's tick, then closed after the grace a client gets to send a frame.
      Duration sinceQueued = Duration.ofNanos(closed - allQueued);
      assertTrue(
          sinceQueued.compareTo(Duration.ofMillis(SEND_TIMEOUT_MILLIS + 2000)) < 0,
          "closed " + sinceQueued + " after the last line was queued");
      Duration sinceFirst = Duration.ofNanos(closed - firstSaid);
      assertTrue(
          sinceFirst.compareTo(Duration.ofMillis(SEND_TIMEOUT_MILLIS)) >= 0,
          "closed " + sinceFirst + " after the first line: before any send could time out");
      sloth.readTimeout((int) ChatClient.TIMEOUT.toMillis());
      assertEquals(1008, sloth.readCloseCode(), "behind all that was sent before");
    }
  }

  @Test
  void closeWaitsForTheFramesBeforeIt() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 16, 1 << 30, closer);
    outbox.deliver("last words");
    outbox.closeAfterSending(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "bye"));
    outbox.deliver("too late");
    assertTrue(!connection.closed.isDone());
    connection.completeNext();
    assertEquals(
        CloseReason.CloseCodes.CANNOT_ACCEPT,
        connection.closed.get(5, TimeUnit.SECONDS).getCloseCode());
    assertEquals(List.of("last words"), connection.sent);
  }

  @Test
  void closeHappensOnTheNextFrameReadOnceTheLastWordsAreOut() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 16, 1 << 30, closer);
    outbox.deliver("last words");
    outbox.closeAfterSending(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "kicked"));
    assertFalse(outbox.closeIfDecided(), "not before the last words are out");
    connection.completeNext();
    connection.pinged.get(5, TimeUnit.SECONDS);

    assertFalse(connection.closed.isDone());
    // The closing ping's pong, or any frame a client that ignores pings sends meanwhile.
    assertTrue(outbox.closeIfDecided());
    assertTrue(connection.closed.isDone(), "closed before the grace, by the reading thread");
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, connection.closed.get().getCloseCode());
    assertEquals(List.of("last words"), connection.sent);
  }

  @Test
  void aClientGivenUpOnIsClosedByItsNextFrame() throws Exception {
    Outbox outbox = new Outbox(connection.session(), 16, 1 << 30, closer);
    outbox.abandon(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not reading"));
    assertTrue(outbox.closeIfDecided());
    assertTrue(connection.closed.isDone(), "closed by the reading thread, not a second later");
  }

  /** Stands in for the container's session and asynchronous remote endpoint. */
  private static final class FakeConnection {
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> inFlight = new ArrayList<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final CompletableFuture<ByteBuffer> pinged = new CompletableFuture<>();
    boolean completeAtOnce;
    boolean sendTimeoutSet;
    int maxInFlight;
    int minStackDepth = Integer.MAX_VALUE;
    int maxStackDepth;
    final Map<String, Object> userProperties = new HashMap<>();

    Session session() {
      RemoteEndpoint.Async remote =
          (RemoteEndpoint.Async)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.Async.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                      send((String) args[0], (SendHandler) args[1]);
                    } else if (method.getName().equals("sendPing")) {
                      pinged.complete((ByteBuffer) args[0]);
                    } else if (method.getName().equals("setSendTimeout")) {
                      sendTimeoutSet = true;
                    }
                    return null;
                  });
      return (Session)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Session.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "getAsyncRemote":
                    return remote;
                  case "getId":
                    return "fake";
                  case "getUserProperties":
                    return userProperties;
                  case "isOpen":
                    return !closed.isDone();
                  case "close":
                    closed.complete((CloseReason) args[0]);
                    return null;
                  default:
                    return null;
                }
              });
    }

    private void send(String text, SendHandler handler) {
      int depth = Thread.currentThread().getStackTrace().length;
      minStackDepth = Math.min(minStackDepth, depth);
      maxStackDepth = Math.max(maxStackDepth, depth);
      sent.add(text);
      if (completeAtOnce) {
        handler.onResult(new SendResult());
        return;
      }
      inFlight.add(handler);
      maxInFlight = Math.max(maxInFlight, inFlight.size());
    }

    void completeNext() {
      inFlight.remove(0).onResult(new SendResult());
    }

    void failNext(Throwable failure) {
      inFlight.remove(0).onResult(new SendResult(failure));
    }
  }
}
