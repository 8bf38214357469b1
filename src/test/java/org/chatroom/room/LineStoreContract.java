package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LineStore} must do, whatever keeps the lines. Each implementation's test
 * extends this and says how to make a fresh, empty store.
 */
public abstract class LineStoreContract {

  /** A new store with no lines. */
  protected abstract LineStore store();

  @Test
  void numbersRiseByOnePerRoomAndAreReportedInOrder() throws Exception {
    LineStore store = store();
    List<Line> stored = new ArrayList<>();
    List<CompletableFuture<Line>> done = new ArrayList<>();
    for (String room : List.of("a", "b", "a", "a", "b")) {
      CompletableFuture<Line> line = new CompletableFuture<>();
      store.append(
          new Line.Draft(room, "alice", "hi " + room, 1000),
          kept -> {
            synchronized (stored) {
              stored.add(kept);
            }
            line.complete(kept);
          },
          line::completeExceptionally);
      done.add(line);
    }
    for (CompletableFuture<Line> line : done) {
      line.get(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of(1L, 1L, 2L, 3L, 2L), done.stream().map(f -> f.join().id()).toList());
    assertEquals(List.of(1L, 2L, 3L), ids(stored.stream().filter(l -> l.room().equals("a"))));
    assertEquals(new Line("b", 2, "alice", "hi b", 1000), done.get(4).join());
  }

  @Test
  void readsTheLastLinesAndTheLinesAfterAnId() throws Exception {
    LineStore store = store();
    say(store, "room", 5);
    assertEquals(List.of(4L, 5L), ids(store.last("room", 2).stream()));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(store.last("room", 50).stream()));
    assertEquals(List.of(3L, 4L, 5L), ids(store.after("room", 2, 10).stream()));
    assertEquals(List.of(3L), ids(store.after("room", 2, 1).stream()));
    assertEquals(List.of(), store.after("room", 5, 10));
    assertEquals(List.of(), store.last("other", 10));
  }

  @Test
  void clearingForgetsTheLinesButNotTheNumbering() throws Exception {
    LineStore store = store();
    say(store, "room", 3);
    store.clear("room");
    assertEquals(List.of(), store.last("room", 10));
    assertEquals(4, say(store, "room", 1).id());
  }

  @Test
  void deletingRemovesOneLine() throws Exception {
    LineStore store = store();
    say(store, "room", 3);
    assertTrue(store.delete("room", 2));
    assertFalse(store.delete("room", 2));
    assertEquals(List.of(1L, 3L), ids(store.after("room", 0, 10).stream()));
  }

  @Test
  void pruningKeepsTheLastLinesOfEachRoomAndDropsOldOnes() throws Exception {
    LineStore store = store();
    say(store, "big", 10);
    say(store, "small", 2);
    assertEquals(7, store.prune(3, 0));
    assertEquals(List.of(8L, 9L, 10L), ids(store.last("big", 50).stream()));
    assertEquals(List.of(1L, 2L), ids(store.last("small", 50).stream()));
    assertEquals(11, say(store, "big", 1).id());

    say(store, "small", "recent", 5000);
    assertEquals(6, store.prune(0, 2000), "every line said at 1000, none said at 5000");
    assertEquals(List.of("recent"), store.last("small", 50).stream().map(Line::text).toList());
    assertEquals(List.of(), store.last("big", 50));
  }

  @Test
  void answersWhenAsked() {
    assertTrue(store().reachable());
  }

  /** Says {@code count} lines said at time 1000, each stored before the next; the last one. */
  private static Line say(LineStore store, String room, int count) throws Exception {
    Line last = null;
    for (int i = 0; i < count; i++) {
      last = say(store, room, "line " + i, 1000);
    }
    return last;
  }

  private static Line say(LineStore store, String room, String text, long time) throws Exception {
    CompletableFuture<Line> line = new CompletableFuture<>();
    store.append(
        new Line.Draft(room, "alice", text, time), line::complete, line::completeExceptionally);
    return line.get(10, TimeUnit.SECONDS);
  }

  private static List<Long> ids(java.util.stream.Stream<Line> lines) {
    return lines.map(Line::id).toList();
  }
}
