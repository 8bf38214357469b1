package org.chatroom.store;

/** A container's own DataSource, {@code jdbc/chatroom}, as the log names it. */
abstract class DataSourceContract extends DatabaseContract {

  @Override
  String keptIn() {
    return "the container's DataSource jdbc/chatroom";
  }
}
