package org.chatroom.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
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

  @Test
  void allowListMatchesWithOrWithoutDefaultPorts() {
    OriginPolicy listed =
        new OriginPolicy(List.of("https://chat.example.org", "http://other.example:80/"), false);
    assertTrue(listed.allows("https://chat.example.org:443", "http", "localhost:8080"));
    assertTrue(listed.allows("https://chat.example.org", "http", "localhost:8080"));
    assertTrue(listed.allows("http://other.example", "http", "localhost:8080"));
    assertFalse(listed.allows("https://chat.example.org:8443", "http", "localhost:8080"));
    assertFalse(listed.allows("http://chat.example.org", "http", "localhost:8080"));
  }

  @Test
  void hostNamesWithUnderscoresWork() {
    OriginPolicy listed = new OriginPolicy(List.of("https://my_app.example.org"), false);
    assertTrue(listed.allows("https://my_app.example.org", "http", "localhost"));
    assertTrue(sameOriginOnly.allows("https://chat_1.example.org", "https", "chat_1.example.org"));
    assertFalse(sameOriginOnly.allows("https://chat_2.example.org", "https", "chat_1.example.org"));
  }

  @Test
  void theForwardedSchemeAndHostAreTheOwnOrigin() {
    // What OriginFilter passes behind a TLS-terminating proxy that TrustedProxies believes.
    ClientRequest behindProxy =
        new TrustedProxies(List.of("127.0.0.1"))
            .resolve(
                "127.0.0.1",
                "http",
                "127.0.0.1:8080",
                name ->
                    name.equals("Forwarded")
                        ? List.of("for=198.51.100.1;proto=https;host=chat.example.org")
                        : List.of());
    assertTrue(
        sameOriginOnly.allows(
            "https://chat.example.org", behindProxy.scheme(), behindProxy.host()));
    assertFalse(
        sameOriginOnly.allows("http://127.0.0.1:8080", behindProxy.scheme(), behindProxy.host()));
  }

  @Test
  void refusesAllowListEntriesThatAreNotOrigins() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OriginPolicy(List.of("chat.example.org"), true));
    assertTrue(e.getMessage().contains("chatroom.origins.allowed"), e.getMessage());
  }

  @Test
  void originsParseByHand() {
    assertEquals(
        Optional.of(new WebOrigin("https", "my_app.example.org", 443)),
        WebOrigin.parse("HTTPS://My_App.Example.org"));
    assertEquals(
        Optional.of(new WebOrigin("http", "[::1]", 8080)), WebOrigin.parse("http://[::1]:8080"));
    assertEquals(
        Optional.of(new WebOrigin("https", "chat.example.org", 443)),
        WebOrigin.of("wss", "chat.example.org."));
    assertEquals(
        "https://chat.example.org",
        WebOrigin.parse("https://chat.example.org:443/").get().toString());
    for (String bad :
        List.of(
            "null",
            "chat.example.org",
            "http://",
            "http://a b",
            "http://x:99999",
            "http://user@host",
            "http://host:80x",
            "http://[::1")) {
      assertEquals(Optional.empty(), WebOrigin.parse(bad), bad);
    }
  }
}
