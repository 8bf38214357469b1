package org.chatroom.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Keeps every line in memory until the application stops; for tests, and the reference that the
 * durable stores follow. Lines are stored and reported under one lock, which keeps them in order.
 */
public final class InMemoryLineStore implements LineStore {

  private final Map<String, TreeMap<Long, Line>> rooms = new HashMap<>();
  private final Map<String, Long> lastIds = new HashMap<>();

  @Override
  public synchronized void append(
      Line.Draft draft, Consumer<Line> stored, Consumer<StoreException> failed) {
    long id = lastIds.merge(draft.room(), 1L, Long::sum);
    Line line = draft.numbered(id);
    rooms.computeIfAbsent(draft.room(), room -> new TreeMap<>()).put(id, line);
    stored.accept(line);
  }

  @Override
  public synchronized List<Line> last(String room, int count) {
    List<Line> lines = new ArrayList<>(lines(room).values());
    return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  @Override
  public synchronized List<Line> after(String room, long since, int limit) {
    return lines(room).tailMap(since, false).values().stream().limit(limit).toList();
  }

  @Override
  public synchronized void clear(String room) {
    lines(room).clear();
  }

  @Override
  public synchronized boolean delete(String room, long id) {
    return lines(room).remove(id) != null;
  }

  @Override
  public synchronized int prune(int keepPerRoom, long olderThanMillis) {
    int pruned = 0;
    for (Map.Entry<String, TreeMap<Long, Line>> room : rooms.entrySet()) {
      long keepFrom = keepPerRoom > 0 ? lastIds.get(room.getKey()) - keepPerRoom + 1 : 0;
      var lines = room.getValue().values().iterator();
      while (lines.hasNext()) {
        Line line = lines.next();
        if (line.id() < keepFrom || line.time() < olderThanMillis) {
          lines.remove();
          pruned++;
        }
      }
    }
    return pruned;
  }

  @Override
  public boolean reachable() {
    return true;
  }

  private TreeMap<Long, Line> lines(String room) {
    return rooms.getOrDefault(room, new TreeMap<>());
  }
}
