package org.chatroom.bench;

/**
 * How a server frames the chat protocol on the WebSocket: {@code chat} ({@link ChatDialect}, the
 * WAR's and Node ws's JSON objects as whole text frames) or {@code socketio} ({@link
 * SocketIoDialect}, the same objects as Socket.IO events). The scenarios and the byte parsers only
 * ever see the chat objects; the dialect adds and strips the rest, and answers what the transport
 * itself asks of a client.
 */
sealed interface Dialect permits ChatDialect, SocketIoDialect {

  /** What a dialect tells the connection whose text messages it reads; on the reading thread. */
  interface Connection {

    /** The chat session is open: the client may log in. */
    void sessionOpened();

    /** Sends {@code text} as a text frame, after whatever the connection queued before it. */
    void reply(String text);

    /** A chat protocol object, the first bytes of which are {@code head[from, end)}. */
    void message(byte[] head, int from, int end);

    /** The server ended the session within the WebSocket (its text says how). */
    void ended(String why);
  }

  /** The path and query of {@code room}'s WebSocket address. */
  String path(String room);

  /**
   * The client frame of {@code type} ({@code login}, {@code user}) whose content is {@code
   * content}, which needs no JSON escaping.
   */
  String frame(String type, String content);

  /** The upgrade is done; the server's first frames may follow. */
  void upgraded(Connection connection);

  /** One whole text message, of which {@code head[0, length)} is the start. */
  void read(byte[] head, int length, Connection connection);

  /** The dialect {@code --dialect} names: {@code chat} or {@code socketio}. */
  static Dialect named(String name) {
    return switch (name) {
      case "chat" -> ChatDialect.INSTANCE;
      case "socketio" -> SocketIoDialect.INSTANCE;
      default -> throw new IllegalArgumentException("no dialect " + name + " (chat or socketio)");
    };
  }
}
