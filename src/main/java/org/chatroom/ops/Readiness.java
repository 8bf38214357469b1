package org.chatroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.chatroom.room.LineStore;

/**
 * Whether the room is ready for people: after start-up, until the shutdown begins, while the store
 * of lines answers (a room that cannot keep lines refuses them).
 */
@ApplicationScoped
public class Readiness {

  private volatile boolean ready;
  private LineStore store;

  /** For CDI's proxy only. */
  protected Readiness() {}

  @Inject
  public Readiness(LineStore store) {
    this.store = store;
  }

  void up() {
    ready = true;
  }

  void down() {
    ready = false;
  }

  public boolean ready() {
    return ready && store.reachable();
  }
}
