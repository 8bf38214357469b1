package org.chatroom.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatroom.platform.ChatSettings;

/**
 * Counts open connections per client address, so that one address cannot take every place of the
 * connection limit. An address leaves the map with its last connection: the map holds only
 * addresses with connections open.
 */
@ApplicationScoped
public class AddressLimit {

  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private int max;

  /** For CDI's proxy only. */
  protected AddressLimit() {}

  @Inject
  public AddressLimit(ChatSettings settings) {
    this.max = settings.connectionsPerAddress();
  }

  /** Takes a place for a new connection from the address; false when it has its share. */
  public boolean tryAcquire(String address) {
    boolean[] taken = {false};
    open.compute(
        address,
        (key, count) -> {
          int current = count == null ? 0 : count;
          if (current >= max) {
            return count;
          }
          taken[0] = true;
          return current + 1;
        });
    return taken[0];
  }

  /** Gives back the place of a closed connection; once per successful acquire. */
  public void release(String address) {
    open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
  }
}
