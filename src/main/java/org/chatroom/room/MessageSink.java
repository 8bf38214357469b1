package org.chatroom.room;

/**
 * Where a room drops encoded frames for one member. A room queues a broadcast to every member while
 * it holds its lock, which fixes one order for all, and only then, with the lock released, asks
 * each sink to flush: the network work happens outside the lock and on as many threads as are
 * broadcasting.
 */
public interface MessageSink {

  /** Queues a frame; returns at once and never throws. */
  void enqueue(String frame);

  /** Starts sending what is queued, if nothing is being sent already; never throws. */
  void flush();
}
