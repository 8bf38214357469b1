package org.chatroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.InMemoryLineStore;
import org.chatroom.room.Line;
import org.chatroom.room.LineStore;
import org.junit.jupiter.api.Test;

/** The background pruning keeps the configured number of lines per room, by itself. */
class RetentionTest {

  @Test
  void keepsTheLastLinesOfEachRoomWithoutBeingAsked() throws Exception {
    LineStore store = new InMemoryLineStore();
    for (int i = 1; i <= 5; i++) {
      CompletableFuture<Line> stored = new CompletableFuture<>();
      store.append(
          new Line.Draft("lobby", "alice", "line " + i, System.currentTimeMillis()),
          stored::complete,
          stored::completeExceptionally);
      stored.get(5, TimeUnit.SECONDS);
    }
    ChatSettings settings = new ChatSettings(Map.of(ChatSettings.HISTORY_KEEP, "2")::get);
    Retention retention = new Retention(store, settings, 0, 1);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (store.last("lobby", 10).size() > 2 && System.nanoTime() < deadline) {
        Thread.sleep(20); // the pruning runs on its own thread; wait for its effect
      }
      assertEquals(
          List.of("line 4", "line 5"), store.last("lobby", 10).stream().map(Line::text).toList());
    } finally {
      retention.stop();
    }
  }
}
