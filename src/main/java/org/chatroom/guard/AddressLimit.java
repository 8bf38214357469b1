package org.chatroom.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatroom.platform.ChatSettings;

/**
 * Counts open connections per client address, so that one address cannot take every place of the
 * connection limit. An address leaves the map with its last connection: the map holds only
 * addresses with connections open. IPv6 clients are counted per /64 network, the block one
 * subscriber gets: each of its addresses would otherwise be a fresh share.
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
        key(address),
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

  /** The address itself, or for IPv6 its /64 network. */
  static String key(String address) {
    if (address.indexOf(':') < 0) {
      return address;
    }
    String[] groups = address.split(":", -1);
    if (groups.length == 8 && address.indexOf("::") < 0) {
      return String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }
    return address; // not the full form the filter writes: counted as it is
  }

  /** Gives back the place of a closed connection; once per successful acquire. */
  public void release(String address) {
    open.computeIfPresent(key(address), (key, count) -> count <= 1 ? null : count - 1);
  }
}
