package org.chatroom.room;

import java.util.ArrayDeque;
import java.util.List;
import org.chatroom.protocol.ChatMessage;

/** Keeps the last {@code capacity} lines of a room in memory; older lines fall off. */
public final class InMemoryHistory implements MessageHistory {

  private final int capacity;
  private final ArrayDeque<ChatMessage> lines;

  public InMemoryHistory(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.lines = new ArrayDeque<>(Math.min(capacity, 64));
  }

  @Override
  public synchronized void append(ChatMessage line) {
    if (capacity == 0) {
      return;
    }
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  @Override
  public synchronized List<ChatMessage> recent() {
    return List.copyOf(lines);
  }
}
