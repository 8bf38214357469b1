package org.chatroom.room;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.DaemonThreads;

/**
 * The threads that read other servers' lines into the rooms, when servers share a database. A room
 * asks for a read whenever it learns it is behind (a notice without its lines, a login elsewhere,
 * the safety poll, a gap that did not close); asks that come while a read runs cost one more read
 * at most, never one each.
 */
final class Pulls {

  private final ScheduledExecutorService threads =
      Executors.newScheduledThreadPool(2, DaemonThreads.numbered("chatroom-pull"));

  void request(Room room) {
    if (room.pullWanted()) {
      try {
        threads.execute(room::pullUntilCurrent);
      } catch (RejectedExecutionException stopping) {
        room.pullDropped(); // undeploying: nobody is left to read for
      }
    }
  }

  /** Has the room look at a gap in its lines again after a while; see {@link Room#gapWaited}. */
  void requestLater(Room room, long millis) {
    try {
      threads.schedule(room::gapWaited, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // undeploying: nobody is left to read for
    }
  }

  void stop() {
    DaemonThreads.stopNow(threads);
  }
}
