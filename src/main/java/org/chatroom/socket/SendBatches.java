package org.chatroom.socket;

import io.micrometer.core.instrument.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.concurrent.Semaphore;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.Meters;

/**
 * Which connections batch their sends, and how many may flush a batch at once.
 *
 * <p>On Tomcat every asynchronous send is a write to the socket and then a hand-off of its
 * completion to the container's executor: per frame, per recipient. With batching allowed, Tomcat
 * copies a send into the connection's buffer and completes it at once; the flush then writes them
 * all, and returns when written. An {@link Outbox} whose send completed, with more frames waiting,
 * sends those as one batch and flushes it on the same container thread: no hand-off for any of
 * them, and one write (the benchmark's rooms: 2.3 to 2.8 times the lines a second).
 *
 * <p>The flush blocks while the client is not reading. Only a send's completion batches, so no
 * room's broadcast ever waits for a flush; and only as many at once as there are permits, so that
 * clients that stop reading hold a few of the container's threads at most, each until the send
 * timeout. The others meanwhile send one frame at a time, as without batches; a connection whose
 * flush was ever slow does so for good.
 *
 * <p>Only Tomcat's batching is used: it is the one measured, and the others either ignore batching
 * (Tyrus) or were not measured with it. {@code chatroom.send.batching=false} turns it off.
 */
@ApplicationScoped
public class SendBatches {

  /** Flushes under way at once at most: of Tomcat's threads (200 by default) a flush may hold. */
  static final int PERMITS = 64;

  private static final String TOMCAT_SESSIONS = "org.apache.tomcat.websocket.";

  private final Batching batching;

  /** For CDI's proxy only. */
  protected SendBatches() {
    batching = null;
  }

  @Inject
  public SendBatches(ChatSettings settings, Meters meters) {
    batching =
        settings.sendBatching()
            ? new Batching(
                new Semaphore(PERMITS), meters.sendBatches(), (long) settings.sendTimeoutMillis())
            : null;
  }

  /** How a connection batches its sends; null if it does not (off, or not Tomcat's batching). */
  Batching batchingFor(Session session) {
    return session.getClass().getName().startsWith(TOMCAT_SESSIONS) ? batching : null;
  }

  /**
   * What an outbox batches with: the permits, one per flush under way; the count of batches; how
   * long a flush may wait for the client. A plain object, so that an outbox does not go through the
   * bean's proxy for every batch.
   */
  record Batching(Semaphore permits, Counter batches, Long flushTimeoutMillis) {}
}
