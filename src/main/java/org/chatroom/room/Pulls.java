package org.chatroom.room;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.chatroom.platform.DaemonThreads;

/**
 * The threads that read other servers' lines into the rooms, when servers share a database. A room
 * asks for a read whenever it learns it is behind (a notification, the safety poll, a gap before a
 * line of its own); asks that come while a read runs cost one more read at most, never one each.
 */
final class Pulls {

  private final ExecutorService threads =
      Executors.newFixedThreadPool(2, DaemonThreads.numbered("chatroom-pull"));

  void request(Room room) {
    if (room.pullWanted()) {
      try {
        threads.execute(room::pullUntilCurrent);
      } catch (RejectedExecutionException stopping) {
        room.pullDropped(); // undeploying: nobody is left to read for
      }
    }
  }

  void stop() {
    DaemonThreads.stopNow(threads);
  }
}
