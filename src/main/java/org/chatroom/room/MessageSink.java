package org.chatroom.room;

/**
 * Where a room drops encoded frames for one member. Implementations must return at once and never
 * throw: a room calls this while it holds its lock, for every member in turn.
 */
@FunctionalInterface
public interface MessageSink {

  void deliver(String frame);
}
