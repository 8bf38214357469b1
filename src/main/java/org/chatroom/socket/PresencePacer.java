package org.chatroom.socket;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.DaemonThreads;
import org.chatroom.protocol.Frames;
import org.chatroom.room.Presence;
import org.chatroom.room.RoomEncoder;

/**
 * How fast a connection hears of arrivals and departures: one frame of logins or logouts at once,
 * then at most one per window ({@code chatroom.presence.window-ms}), telling together everyone who
 * came (or went) meanwhile. When a crowd fills a room each arrival would otherwise cost a frame to
 * every member, n²/2 frames for a room of n (50 million for 10,000); paced, each member gets a few
 * frames a second whatever the crowd. Lines queued behind a login that waits, wait with it, so that
 * nobody's first line comes before their login. One timer thread, woken only while some connection
 * has logins waiting.
 */
@ApplicationScoped
public class PresencePacer {

  private RoomEncoder encoder;
  private long windowNanos;
  private long windowMillis;
  private ScheduledThreadPoolExecutor timer;

  /** Outboxes whose logins wait for the end of their window. */
  private final Queue<Outbox> waiting = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean releaseDue = new AtomicBoolean();

  /** For CDI's proxy only. */
  protected PresencePacer() {}

  @Inject
  public PresencePacer(Frames frames, ChatSettings settings) {
    this(frames, settings.presenceWindowMillis());
  }

  PresencePacer(RoomEncoder encoder, long windowMillis) {
    this.encoder = encoder;
    this.windowMillis = windowMillis;
    this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("chatroom-presence"));
    timer.setKeepAliveTime(30, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  @PreDestroy
  public void stop() {
    DaemonThreads.stopNow(timer);
  }

  long windowNanos() {
    return windowNanos;
  }

  /** The frame telling of these logins (or logouts) together. */
  String tell(List<Presence> changes) {
    return encoder.presence(changes);
  }

  /** Has the outbox send its waiting logins once this window is over. */
  void later(Outbox outbox) {
    waiting.add(outbox);
    if (releaseDue.compareAndSet(false, true)) {
      try {
        timer.schedule(this::release, windowMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        releaseDue.set(false); // undeploying: every connection closes now
      }
    }
  }

  private void release() {
    releaseDue.set(false);
    Outbox outbox;
    while ((outbox = waiting.poll()) != null) {
      outbox.windowOver();
    }
  }
}
