package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A login racing the close of its own connection (the container delivers the close on another
 * thread while the login frame is being handled) must never leave a ghost member behind, whose
 * nickname would stay taken for good.
 */
class VisitorRaceTest {

  private final Frames frames = new Frames();
  private final ChatSettings settings = new ChatSettings(Map.<String, String>of()::get);
  private final Room room =
      new Room(
          RoomName.parse("race"),
          frames,
          new InMemoryLineStore(),
          settings,
          new Transcript(settings),
          Runnable::run);
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  VisitorRaceTest() throws RoomException {}

  @AfterEach
  void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
    frames.close();
  }

  @Test
  void loginRacingTheCloseLeavesNoGhost() throws Exception {
    for (int round = 0; round < 2_000; round++) {
      Visitor visitor = room.visit(new RecordingSink(), "c" + round);
      CyclicBarrier start = new CyclicBarrier(2);
      Future<?> login =
          threads.submit(
              () -> {
                start.await();
                try {
                  visitor.login("alice", false, null);
                } catch (RoomException closedFirst) {
                  // the close came first: refused, as it should be
                }
                return null;
              });
      Future<?> close =
          threads.submit(
              () -> {
                start.await();
                visitor.end();
                return null;
              });
      login.get(5, TimeUnit.SECONDS);
      close.get(5, TimeUnit.SECONDS);
      assertEquals(0, room.size(), "a ghost stayed after round " + round);
    }
  }
}
