package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How an outbox batches its sends, against a stand-in for Tomcat's batching: with batching allowed
 * a send only fills the buffer and completes at once, and turning batching off writes the buffer
 * (the flush, which waits while the client does not read). A room's broadcast starts one send and
 * never flushes; the container's thread that completes it sends the rest in one write; a flush that
 * waited, or no free permit, means one frame at a time. Tomcat itself: {@code MetricsIT}.
 */
class SendBatchesTest {

  private final SessionCloser closer = new SessionCloser();
  private final ExecutorService container =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "container"));
  private final BatchingConnection connection = new BatchingConnection();
  private final Counter batches = new SimpleMeterRegistry().counter("batches");

  @AfterEach
  void stop() {
    closer.stop();
    container.shutdownNow();
  }

  @Test
  void theBroadcastSendsOneFrameAndTheCompletingThreadTheRestInOneWrite() throws Exception {
    Outbox outbox = outbox(new Semaphore(1));
    broadcast(outbox, "a", "b", "c", "d");
    assertEquals(List.of(List.of("a")), connection.writes);
    assertEquals(List.of(), connection.flushedOn, "the room's thread never flushes");

    completeOnContainerThread();
    assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), connection.writes);
    assertEquals(List.of("container"), connection.flushedOn);
    assertEquals(1, batches.count());
  }

  @Test
  void afterAFlushThatWaitedForTheClientFramesGoOneAtATime() throws Exception {
    Outbox outbox = outbox(new Semaphore(1));
    connection.flushMillis = 2 * TimeUnit.NANOSECONDS.toMillis(Outbox.SLOW_FLUSH_NANOS);
    broadcast(outbox, "a", "b", "c");
    completeOnContainerThread(); // b and c: one batch, whose flush waits
    assertEquals(List.of(List.of("a"), List.of("b", "c")), connection.writes);

    connection.flushMillis = 0;
    broadcast(outbox, "d", "e");
    completeOnContainerThread();
    completeOnContainerThread();
    assertEquals(
        List.of(List.of("a"), List.of("b", "c"), List.of("d"), List.of("e")), connection.writes);
    assertEquals(1, batches.count());
  }

  @Test
  void withoutAFreePermitFramesGoOneAtATime() throws Exception {
    Outbox outbox = outbox(new Semaphore(0));
    broadcast(outbox, "a", "b", "c");
    completeOnContainerThread();
    completeOnContainerThread();
    assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), connection.writes);
    assertEquals(0, batches.count());
  }

  @Test
  void theFlushGivesItsPermitBack() throws Exception {
    Semaphore permits = new Semaphore(1);
    Outbox outbox = outbox(permits);
    broadcast(outbox, "a", "b");
    completeOnContainerThread();
    assertEquals(1, permits.availablePermits());
    broadcast(outbox, "c", "d");
    completeOnContainerThread();
    assertEquals(
        List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d")), connection.writes);
    assertEquals(2, batches.count(), "b alone, then d alone: each a batch of one");
  }

  @Test
  void aSendRefusedInABatchDropsItWithoutAFlushAnywhere() throws Exception {
    Semaphore permits = new Semaphore(1);
    Outbox outbox = outbox(permits);
    broadcast(outbox, "a", "b");
    connection.batchedSends = BatchedSend.REFUSED; // the session closed under the batch
    completeOnContainerThread();
    assertEquals(1, permits.availablePermits());
    broadcast(outbox, "c"); // refused: the outbox stopped
    assertEquals(List.of(List.of("a")), connection.writes);
    assertEquals(List.of(), connection.flushedOn, "no thread waits on a flush");
  }

  @Test
  void aBatchWhoseSendNeverCompletesGivesItsPermitBackWhenTheOutboxStops() throws Exception {
    Semaphore permits = new Semaphore(1);
    Outbox outbox = outbox(permits);
    broadcast(outbox, "a", "b");
    connection.batchedSends = BatchedSend.NEVER_COMPLETED; // queued behind the close frame
    completeOnContainerThread();
    assertEquals(0, permits.availablePermits());
    outbox.stop(); // the connection closed
    assertEquals(1, permits.availablePermits());
  }

  private Outbox outbox(Semaphore permits) {
    return new Outbox(
        connection.session(),
        100,
        1 << 30,
        closer,
        new SimpleMeterRegistry().timer("latency"),
        new SimpleMeterRegistry().summary("depth"),
        new SendBatches.Batching(permits, batches, 10_000L));
  }

  /** Queues the frames and starts sending, as a room's broadcast does, on the calling thread. */
  private static void broadcast(Outbox outbox, String... frames) {
    for (String frame : frames) {
      outbox.enqueue(frame);
    }
    outbox.flush();
  }

  /** Completes the send in flight on another thread, as Tomcat does, and waits for what follows. */
  private void completeOnContainerThread() throws Exception {
    container.submit(connection::completeNext).get(5, TimeUnit.SECONDS);
  }

  /** What Tomcat does with a send while batching is allowed. */
  private enum BatchedSend {
    /** Copies it into the buffer and completes it at once: the usual. */
    BUFFERED,
    /** Throws: the session closed. */
    REFUSED,
    /** Queues it behind a close frame: it never completes. */
    NEVER_COMPLETED
  }

  /** A session whose remote batches as Tomcat's does. */
  private static final class BatchingConnection {
    final List<List<String>> writes = new CopyOnWriteArrayList<>();
    final List<String> flushedOn = new CopyOnWriteArrayList<>();
    final List<SendHandler> inFlight = new CopyOnWriteArrayList<>();
    final Map<String, Object> userProperties = new ConcurrentHashMap<>();
    private final List<String> buffer = new ArrayList<>();
    private boolean batching;
    volatile long flushMillis;
    volatile BatchedSend batchedSends = BatchedSend.BUFFERED;

    Session session() {
      RemoteEndpoint.Async remote =
          (RemoteEndpoint.Async)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.Async.class},
                  (proxy, method, args) -> {
                    switch (method.getName()) {
                      case "sendText" -> send((String) args[0], (SendHandler) args[1]);
                      case "setBatchingAllowed" -> setBatching((Boolean) args[0]);
                      default -> {}
                    }
                    return null;
                  });
      return (Session)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Session.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getId" -> "batching";
                    case "getUserProperties" -> userProperties;
                    case "isOpen" -> true;
                    default -> null;
                  });
    }

    private synchronized void send(String text, SendHandler handler) {
      if (batching) {
        switch (batchedSends) {
          case BUFFERED -> {
            buffer.add(text);
            handler.onResult(new SendResult());
          }
          case REFUSED -> throw new IllegalStateException("The WebSocket session has been closed");
          case NEVER_COMPLETED -> {}
        }
        return;
      }
      writes.add(List.of(text));
      inFlight.add(handler);
    }

    private void setBatching(boolean allowed) throws InterruptedException {
      List<String> flushed;
      synchronized (this) {
        boolean was = batching;
        batching = allowed;
        if (!was || allowed || buffer.isEmpty()) {
          return;
        }
        flushed = List.copyOf(buffer);
        buffer.clear();
      }
      Thread.sleep(flushMillis); // the flush blocks until the client takes the bytes
      flushedOn.add(Thread.currentThread().getName());
      writes.add(flushed);
    }

    void completeNext() {
      assertTrue(!inFlight.isEmpty(), "a send in flight");
      inFlight.remove(0).onResult(new SendResult());
    }
  }
}
