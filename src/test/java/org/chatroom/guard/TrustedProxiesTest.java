package org.chatroom.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private final TrustedProxies defaults = new TrustedProxies(List.of("127.0.0.0/8", "::1"));
  private final TrustedProxies lan =
      new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "2001:db8::1/128"));

  @Test
  void trustsAddressesAndRangesOfBothFamilies() {
    assertTrue(defaults.trusts("127.0.0.1"));
    assertTrue(defaults.trusts("127.255.0.9"));
    assertTrue(defaults.trusts("::1"));
    assertTrue(defaults.trusts("0:0:0:0:0:0:0:1"), "Tomcat's spelling of ::1");
    assertTrue(defaults.trusts("[::1]"));
    assertTrue(defaults.trusts("0:0:0:0:0:0:0:1%0"), "with a zone id");
    assertTrue(defaults.trusts("::ffff:127.0.0.1"), "IPv4-mapped");
    assertFalse(defaults.trusts("128.0.0.1"));
    assertFalse(defaults.trusts("::2"));

    assertTrue(lan.trusts("10.200.3.4"));
    assertTrue(lan.trusts("192.168.1.7"));
    assertFalse(lan.trusts("192.168.1.8"));
    assertTrue(lan.trusts("fd12:3456::1"));
    assertFalse(lan.trusts("fe80::1"));
    assertTrue(lan.trusts("2001:DB8::1"));
    assertFalse(lan.trusts("2001:db8::2"));
  }

  @Test
  void neverTrustsNamesOrGarbage() {
    assertFalse(defaults.trusts("localhost"), "names would need DNS");
    assertFalse(defaults.trusts("127.0.0.256"));
    assertFalse(defaults.trusts(""));
    assertFalse(defaults.trusts(null));
    assertFalse(defaults.trusts("unknown"));
    assertFalse(new TrustedProxies(List.of()).trusts("127.0.0.1"));
  }

  @Test
  void refusesEntriesThatAreNotAddressesOrRanges() {
    for (String bad :
        List.of("proxy.example.org", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "1.2.3")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of(bad)));
      assertTrue(e.getMessage().contains("chatroom.proxies.trusted"), e.getMessage());
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertTrue(new TrustedProxies(List.of("0.0.0.0/0")).trusts("203.0.113.9"));
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItSends() {
    ClientRequest request =
        defaults.resolve(
            "203.0.113.9",
            "http",
            "chat.example.org",
            headers(
                "Forwarded", "for=198.51.100.1;proto=https;host=evil.example",
                "X-Forwarded-For", "198.51.100.1",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example"));
    assertEquals(new ClientRequest("203.0.113.9", "http", "chat.example.org"), request);
  }

  @Test
  void aTrustedPeerWithoutHeadersIsItselfTheClient() {
    assertEquals(
        new ClientRequest("0:0:0:0:0:0:0:1", "http", "localhost:8080"),
        defaults.resolve("::1", "http", "localhost:8080", headers()));
  }

  @Test
  void forwardedGivesTheClientSchemeAndHost() {
    ClientRequest request =
        defaults.resolve(
            "127.0.0.1",
            "http",
            "127.0.0.1:8080",
            headers("Forwarded", "for=198.51.100.1;proto=https;host=chat.example.org"));
    assertEquals(new ClientRequest("198.51.100.1", "https", "chat.example.org"), request);
  }

  @Test
  void forwardedTakesTheRightMostUntrustedHopNotWhatTheClientClaims() {
    // The client wrote the first element itself; the two proxies appended theirs.
    ClientRequest request =
        lan.resolve(
            "10.0.0.2",
            "http",
            "10.0.0.3:8080",
            headers(
                "Forwarded",
                "for=1.1.1.1;proto=http;host=evil.example, for=\"[2001:db8:cafe::17]:4711\";"
                    + "proto=https;host=chat.example.org",
                "Forwarded",
                "for=10.0.0.1;proto=http;host=internal"));
    assertEquals(
        new ClientRequest("2001:db8:cafe:0:0:0:0:17", "https", "chat.example.org"), request);
  }

  @Test
  void forwardedParsesQuotesCaseAndPorts() {
    ClientRequest request =
        defaults.resolve(
            "127.0.0.1",
            "http",
            "localhost",
            headers(
                "Forwarded",
                "For=\"192.0.2.60:4711\";Proto=HTTPS;Host=\"chat_1.example.org:8443\""));
    assertEquals(new ClientRequest("192.0.2.60", "https", "chat_1.example.org:8443"), request);
  }

  @Test
  void anUnknownForwardedClientLeavesTheNearestKnownAddress() {
    ClientRequest request =
        defaults.resolve(
            "127.0.0.1",
            "http",
            "localhost",
            headers("Forwarded", "for=unknown;proto=https;host=chat.example.org"));
    assertEquals(new ClientRequest("127.0.0.1", "https", "chat.example.org"), request);
  }

  @Test
  void xForwardedHeadersCountWhenThereIsNoForwarded() {
    ClientRequest request =
        defaults.resolve(
            "127.0.0.1",
            "http",
            "127.0.0.1:8080",
            headers(
                "X-Forwarded-For", "198.51.100.1",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "chat.example.org"));
    assertEquals(new ClientRequest("198.51.100.1", "https", "chat.example.org"), request);
  }

  @Test
  void xForwardedForTakesTheRightMostUntrustedEntry() {
    ClientRequest request =
        lan.resolve(
            "10.0.0.2",
            "http",
            "internal",
            headers(
                "X-Forwarded-For", "6.6.6.6, 198.51.100.1",
                "X-Forwarded-For", "10.0.0.1",
                "X-Forwarded-Proto", "http, https, http",
                "X-Forwarded-Host", "evil.example, chat.example.org, internal"));
    assertEquals(new ClientRequest("198.51.100.1", "https", "chat.example.org"), request);
  }

  @Test
  void aSingleProtoOrHostIsTheNearestProxysAndThePortJoinsTheHost() {
    ClientRequest request =
        lan.resolve(
            "10.0.0.2",
            "http",
            "internal",
            headers(
                "X-Forwarded-For", "198.51.100.1, 10.0.0.1",
                "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "chat.example.org",
                "X-Forwarded-Port", "8443"));
    assertEquals(new ClientRequest("198.51.100.1", "https", "chat.example.org:8443"), request);
  }

  @Test
  void onlyTrustedProxiesAllTheWayGiveTheLeftMostEntry() {
    ClientRequest request =
        lan.resolve("10.0.0.2", "http", "h", headers("X-Forwarded-For", "10.0.0.5, 10.0.0.1"));
    assertEquals("10.0.0.5", request.address());
  }

  @Test
  void garbageInXForwardedForStopsTheWalk() {
    ClientRequest request =
        defaults.resolve(
            "127.0.0.1", "http", "h", headers("X-Forwarded-For", "198.51.100.1, not-an-ip"));
    assertEquals("127.0.0.1", request.address());
  }

  /** Header values by name, case-insensitive, each name possibly given more than once. */
  private static java.util.function.Function<String, List<String>> headers(String... pairs) {
    Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      map.computeIfAbsent(pairs[i].toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
          .add(pairs[i + 1]);
    }
    return name -> map.getOrDefault(name, List.of());
  }
}
