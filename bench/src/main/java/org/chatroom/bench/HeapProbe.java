package org.chatroom.bench;

/** The server's live heap: what is left after a full garbage collection, in bytes. */
interface HeapProbe {

  long heapAfterGc() throws Exception;

  /** What the figure is, for the report. */
  String describe();
}
