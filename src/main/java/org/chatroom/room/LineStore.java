package org.chatroom.room;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a room's lines are kept. The store numbers each line when it keeps it, so numbers rise by
 * one per room with no gap even when a write fails, and it reports kept lines in the order of their
 * numbers: a room broadcasts a line only once it is stored.
 */
public interface LineStore {

  /**
   * Keeps the line, then calls {@code stored} with its number, or {@code failed} if it could not;
   * either is called once, maybe on another thread, never while the caller's locks are held by this
   * call. Lines of one room are reported in the order of their numbers.
   */
  void append(Line.Draft draft, Consumer<Line> stored, Consumer<StoreException> failed);

  /** The last {@code count} lines of the room, oldest first. */
  List<Line> last(String room, int count) throws StoreException;

  /** The lines numbered above {@code since}, oldest first, at most {@code limit}. */
  List<Line> after(String room, long since, int limit) throws StoreException;

  /** Forgets every line of the room; numbering goes on where it was. */
  void clear(String room) throws StoreException;

  /** Removes one line; whether it was there. */
  boolean delete(String room, long id) throws StoreException;

  /**
   * Forgets old lines: all but the last {@code keepPerRoom} of each room (0: no such limit), and
   * those said before {@code olderThanMillis} (0: no such limit). Numbering goes on where it was.
   *
   * @return how many lines were forgotten
   */
  int prune(int keepPerRoom, long olderThanMillis) throws StoreException;

  /** Whether the store answers now; for health checks. */
  boolean reachable();

  /**
   * Whether other servers store lines of the same rooms here: then a room reads their lines from
   * the store as well as reporting its own. It stays the same for the store's life.
   */
  default boolean shared() {
    return false;
  }
}
