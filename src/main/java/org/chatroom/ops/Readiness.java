package org.chatroom.ops;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the room is ready for people: after start-up, until the shutdown begins. */
@ApplicationScoped
public class Readiness {

  private volatile boolean ready;

  void up() {
    ready = true;
  }

  void down() {
    ready = false;
  }

  public boolean ready() {
    return ready;
  }
}
