package org.chatroom.room;

import java.util.List;
import org.chatroom.protocol.ChatMessage;

/**
 * The recent chat lines of one room, replayed to a newcomer. The in-memory store is the default; a
 * durable store plugs in here. A room calls these under its own lock, in its line order.
 */
public interface MessageHistory {

  void append(ChatMessage line);

  /** The kept lines, oldest first. */
  List<ChatMessage> recent();
}
