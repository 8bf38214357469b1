package org.chatroom.bench;

import java.nio.charset.StandardCharsets;

/**
 * Socket.IO 4 over its WebSocket transport alone (Engine.IO protocol 4), as the socketio peer
 * speaks it: the chat objects travel as events, {@code 42["user",{"type":"user",...}]}, named by
 * their type. Each text frame starts with the Engine.IO packet type and, for a message ({@code 4}),
 * the Socket.IO packet type, so a few leading bytes say what it is and the event's object starts
 * right after the first {@code ",} (the peer's event names hold no quote).
 *
 * <pre>
 * ← 0{"sid":"...","pingInterval":25000,...}    Engine.IO open      → 40 (join the main namespace)
 * ← 40{"sid":"..."}                            namespace joined: the client may log in
 * ← 2                                          Engine.IO ping      → 3 (or the peer drops it)
 * ← 42["login",{"type":"login","from":"b7",...}]
 * ← 41, 44{"message":...}, 1                    disconnect, connect error, Engine.IO close
 * </pre>
 */
final class SocketIoDialect implements Dialect {

  static final SocketIoDialect INSTANCE = new SocketIoDialect();

  private static final byte[] EVENT_END = Ascii.bytes("\",");

  /** Where an event's name starts: after {@code 42["}. */
  private static final int NAME = 4;

  private SocketIoDialect() {}

  @Override
  public String path(String room) {
    return "/socket.io/?EIO=4&transport=websocket&room=" + room;
  }

  /**
   * The peer takes the object with or without its {@code type}; it is left out, as a page would.
   */
  @Override
  public String frame(String type, String content) {
    return "42[\"" + type + "\",{\"content\":\"" + content + "\"}]";
  }

  @Override
  public void upgraded(Connection connection) {
    // The session opens with the namespace, two packets later.
  }

  @Override
  public void read(byte[] head, int length, Connection connection) {
    if (length == 0) {
      return;
    }
    switch (head[0]) {
      case '0' -> connection.reply("40");
      case '2' -> connection.reply("3");
      case '1' -> connection.ended("Engine.IO close: " + text(head, length));
      case '4' -> socketIo(head, length, connection);
      default -> {
        // 3 (pong), 6 (noop): nothing a client that never pings must answer
      }
    }
  }

  private static void socketIo(byte[] head, int length, Connection connection) {
    if (length < 2) {
      return;
    }
    switch (head[1]) {
      case '2' -> {
        int end = Ascii.indexOf(head, length, EVENT_END, NAME);
        if (length > NAME && head[2] == '[' && end > 0) {
          connection.message(head, end + EVENT_END.length, length);
        }
      }
      case '0' -> connection.sessionOpened();
      case '1', '4' ->
          connection.ended("Socket.IO refused or ended the session: " + text(head, length));
      default -> {
        // acks and binary events: the peer sends none
      }
    }
  }

  private static String text(byte[] head, int length) {
    return new String(head, 0, length, StandardCharsets.UTF_8);
  }
}
