package org.chatroom.bench;

/**
 * The chat protocol of docs/PROTOCOL.md, which the WAR and Node ws speak: every text frame is one
 * JSON object, {@code {"type":"user","content":"..."}} from the client, and the room is the path
 * {@code /chatroom/chat/ROOM}.
 */
final class ChatDialect implements Dialect {

  static final ChatDialect INSTANCE = new ChatDialect();

  private ChatDialect() {}

  @Override
  public String path(String room) {
    return "/chatroom/chat/" + room;
  }

  @Override
  public String frame(String type, String content) {
    return "{\"type\":\"" + type + "\",\"content\":\"" + content + "\"}";
  }

  @Override
  public void upgraded(Connection connection) {
    connection.sessionOpened();
  }

  @Override
  public void read(byte[] head, int length, Connection connection) {
    connection.message(head, 0, length);
  }
}
