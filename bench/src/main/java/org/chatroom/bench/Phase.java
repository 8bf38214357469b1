package org.chatroom.bench;

import java.util.concurrent.atomic.AtomicInteger;

/** Hands out the tags that tell one phase's lines from any other's, unique in a run. */
final class Phase {

  private static final AtomicInteger NEXT = new AtomicInteger(1);

  private Phase() {}

  static int nextTag() {
    return NEXT.getAndIncrement();
  }
}
