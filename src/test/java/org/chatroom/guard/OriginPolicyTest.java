package org.chatroom.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

  private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of(), true);

  @Test
  void allowsThePagesOwnOrigin() {
    assertTrue(sameOriginOnly.allows("http://localhost:8080", "http", "localhost:8080"));
    assertTrue(sameOriginOnly.allows("https://chat.example.org", "https", "chat.example.org"));
    assertTrue(sameOriginOnly.allows("https://chat.example.org", "https", "CHAT.example.org:443"));
    assertTrue(sameOriginOnly.allows("http://[::1]:8080", "http", "[::1]:8080"));
  }

  @Test
  void refusesOtherHostsPortsAndSchemes() {
    assertFalse(sameOriginOnly.allows("http://evil.example", "http", "localhost:8080"));
    assertFalse(sameOriginOnly.allows("http://localhost:9090", "http", "localhost:8080"));
    assertFalse(sameOriginOnly.allows("https://localhost:8080", "http", "localhost:8080"));
    assertFalse(sameOriginOnly.allows("http://localhost.evil.example", "http", "localhost"));
    assertFalse(sameOriginOnly.allows("null", "http", "localhost:8080"));
    assertFalse(sameOriginOnly.allows("not a url", "http", "localhost:8080"));
    assertFalse(sameOriginOnly.allows("http://localhost:8080", "http", null));
  }

  @Test
  void missingOriginFollowsTheSetting() {
    assertTrue(sameOriginOnly.allows(null, "http", "localhost:8080"));
    assertFalse(new OriginPolicy(List.of(), false).allows(null, "http", "localhost:8080"));
  }

  @Test
  void allowListAddsOriginsAndStarAllowsAll() {
    OriginPolicy listed = new OriginPolicy(List.of("https://friend.example/"), true);
    assertTrue(listed.allows("https://FRIEND.example", "http", "localhost:8080"));
    assertFalse(listed.allows("https://enemy.example", "http", "localhost:8080"));
    assertTrue(new OriginPolicy(List.of("*"), true).allows("https://any.example", "http", "x"));
  }
}
