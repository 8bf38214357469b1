package org.chatroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.chatroom.protocol.ChatMessage;
import org.junit.jupiter.api.Test;

class InMemoryHistoryTest {

  @Test
  void keepsTheLastLinesOldestFirst() {
    InMemoryHistory history = new InMemoryHistory(2);
    for (long id = 1; id <= 3; id++) {
      history.append(ChatMessage.line("r", "a", "line" + id, id, id, false));
    }
    assertEquals(List.of("line2", "line3"), contents(history));
  }

  @Test
  void zeroCapacityKeepsNothing() {
    InMemoryHistory history = new InMemoryHistory(0);
    history.append(ChatMessage.line("r", "a", "x", 1, 1, false));
    assertEquals(List.of(), contents(history));
  }

  @Test
  void negativeCapacityIsABug() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryHistory(-1));
  }

  private static List<String> contents(MessageHistory history) {
    return history.recent().stream().map(ChatMessage::getContent).collect(Collectors.toList());
  }
}
