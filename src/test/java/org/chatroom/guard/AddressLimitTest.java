package org.chatroom.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.junit.jupiter.api.Test;

class AddressLimitTest {

  private final AddressLimit limit =
      new AddressLimit(new ChatSettings(Map.of(ChatSettings.CONNECTIONS_PER_ADDRESS, "2")::get));

  @Test
  void eachAddressHasItsShareAndGetsItBackOnClose() {
    assertTrue(limit.tryAcquire("203.0.113.7"));
    assertTrue(limit.tryAcquire("203.0.113.7"));
    assertFalse(limit.tryAcquire("203.0.113.7"));
    assertTrue(limit.tryAcquire("203.0.113.8"));
    limit.release("203.0.113.7");
    assertTrue(limit.tryAcquire("203.0.113.7"));
  }

  @Test
  void ipv6AddressesOfOneNetworkShareOneShare() {
    assertTrue(limit.tryAcquire("2001:db8:0:1:0:0:0:1"));
    assertTrue(limit.tryAcquire("2001:db8:0:1:0:0:0:2"));
    assertFalse(limit.tryAcquire("2001:db8:0:1:ffff:0:0:3"));
    assertTrue(limit.tryAcquire("2001:db8:0:2:0:0:0:1"));
  }
}
