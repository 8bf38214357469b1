package org.chatroom.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.DaemonThreads;
import org.chatroom.room.LineStore;
import org.chatroom.room.StoreException;

/**
 * Prunes old lines in the background, once a minute: beyond {@code chatroom.history.keep} per room
 * and older than {@code chatroom.history.max-age}. Its thread ends with the application.
 */
final class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  private static final long PERIOD_SECONDS = 60;

  private final ScheduledExecutorService timer;

  Retention(LineStore store, ChatSettings settings) {
    this(store, settings, 10, PERIOD_SECONDS);
  }

  /** Prunes after {@code firstSeconds}, then every {@code periodSeconds}; tests shorten them. */
  Retention(LineStore store, ChatSettings settings, long firstSeconds, long periodSeconds) {
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chatroom-retention"));
    timer.scheduleWithFixedDelay(
        () -> prune(store, settings), firstSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  /**
   * Lets a prune under way finish rather than interrupt it: an interrupt closes the embedded
   * database's file under H2 (seen as "Reading from file ... failed" while a test undeployed), and
   * the store still has queued lines to write after this.
   */
  void stop() {
    DaemonThreads.stopWhenDone(timer);
  }

  private static void prune(LineStore store, ChatSettings settings) {
    long olderThan =
        settings.historyMaxAge().map(age -> System.currentTimeMillis() - age.toMillis()).orElse(0L);
    try {
      int pruned = store.prune(settings.historyKeep(), olderThan);
      if (pruned > 0) {
        LOG.log(Level.FINE, "Pruned {0} old line(s)", pruned);
      }
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "Old lines were not pruned this time: {0}", e.getMessage());
    }
  }
}
