package org.chatroom.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatroom.platform.ChatSettings;

/** Counts open WebSocket connections against the seed's LISTEN_SOCKET_NUM. */
@ApplicationScoped
public class ConnectionLimit {

  private final AtomicInteger open = new AtomicInteger();
  private int max;

  /** For CDI's proxy only. */
  protected ConnectionLimit() {}

  @Inject
  public ConnectionLimit(ChatSettings settings) {
    this.max = settings.maxConnections();
  }

  /** Takes a place for a new connection; false when the server is full. */
  public boolean tryAcquire() {
    while (true) {
      int current = open.get();
      if (current >= max) {
        return false;
      }
      if (open.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Gives back the place of a closed connection; once per successful acquire. */
  public void release() {
    open.decrementAndGet();
  }
}
