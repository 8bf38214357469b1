package org.chatroom.guard;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reverse proxies whose {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For/-Proto/-Host/
 * -Port} headers are believed, and what those headers say about the client. Anyone can send such
 * headers; they count only when the direct peer is on the list ({@code chatroom.proxies.trusted}:
 * addresses and CIDR ranges, IPv4 and IPv6).
 *
 * <p>The client is the right-most {@code for=} (or {@code X-Forwarded-For}) entry that is not
 * itself a trusted proxy: entries further left were written by parties nobody vouches for. The
 * scheme and host are those the proxy that saw that client recorded with it. {@code Forwarded} wins
 * over the {@code X-Forwarded-*} headers when both are present.
 */
public final class TrustedProxies {

  private final List<AddressRange> ranges;

  /**
   * @param entries addresses ({@code 10.0.0.7}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8},
   *     {@code fd00::/8})
   * @throws IllegalArgumentException naming the setting for an entry that is neither
   */
  public TrustedProxies(List<String> entries) {
    List<AddressRange> parsed = new ArrayList<>();
    for (String entry : entries) {
      parsed.add(
          AddressRange.parse(entry)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Setting chatroom.proxies.trusted must list IP addresses and CIDR"
                              + " ranges such as 10.0.0.0/8, not '"
                              + entry
                              + "'")));
    }
    this.ranges = List.copyOf(parsed);
  }

  /** Whether {@code address} (an IP literal; never a name, which would need DNS) is trusted. */
  public boolean trusts(String address) {
    Optional<InetAddress> parsed = IpAddresses.literal(address);
    return parsed.isPresent() && ranges.stream().anyMatch(range -> range.contains(parsed.get()));
  }

  /** The servlet request as its client made it. */
  public ClientRequest resolve(HttpServletRequest request) {
    return resolve(
        request.getRemoteAddr(),
        request.getScheme(),
        request.getHeader("Host"),
        name -> Collections.list(request.getHeaders(name)));
  }

  /**
   * @param peer the direct peer's address
   * @param scheme the request's own scheme
   * @param host the request's own {@code Host} header, or null
   * @param headers every value of a request header by name (an empty list when absent)
   */
  public ClientRequest resolve(
      String peer, String scheme, String host, Function<String, List<String>> headers) {
    String self = IpAddresses.canonical(peer);
    if (!trusts(self)) {
      return new ClientRequest(self, scheme, host);
    }
    List<Map<String, String>> forwarded = ForwardedHeaders.elements(headers.apply("Forwarded"));
    if (!forwarded.isEmpty()) {
      return fromForwarded(self, scheme, host, forwarded);
    }
    return fromXForwarded(self, scheme, host, headers);
  }

  private ClientRequest fromForwarded(
      String peer, String scheme, String host, List<Map<String, String>> elements) {
    String client = peer;
    Map<String, String> seen = null;
    for (int i = elements.size() - 1; i >= 0; i--) {
      Optional<String> address = IpAddresses.nodeAddress(elements.get(i).get("for"));
      if (address.isEmpty()) {
        // "unknown" or an obfuscated name: the trusted hop that wrote it could not say more.
        seen = elements.get(i);
        break;
      }
      client = address.get();
      seen = elements.get(i);
      if (!trusts(client)) {
        break;
      }
    }
    String proto = seen == null ? null : seen.get("proto");
    String forwardedHost = seen == null ? null : seen.get("host");
    return new ClientRequest(
        client,
        proto == null ? scheme : proto.toLowerCase(Locale.ROOT),
        orElse(forwardedHost, host));
  }

  private ClientRequest fromXForwarded(
      String peer, String scheme, String host, Function<String, List<String>> headers) {
    List<String> chain = ForwardedHeaders.listValues(headers.apply("X-Forwarded-For"));
    String client = peer;
    int hops = 1;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<String> address = IpAddresses.nodeAddress(chain.get(i));
      if (address.isEmpty()) {
        break;
      }
      client = address.get();
      hops = chain.size() - i;
      if (!trusts(client)) {
        break;
      }
    }
    String proto =
        recordedBy(hops, ForwardedHeaders.listValues(headers.apply("X-Forwarded-Proto")));
    String forwardedHost =
        recordedBy(hops, ForwardedHeaders.listValues(headers.apply("X-Forwarded-Host")));
    String port = recordedBy(hops, ForwardedHeaders.listValues(headers.apply("X-Forwarded-Port")));
    String resolvedHost = orElse(forwardedHost, host);
    if (forwardedHost != null && port != null && !hasPort(forwardedHost)) {
      resolvedHost = forwardedHost + ":" + port;
    }
    return new ClientRequest(
        client, proto == null ? scheme : proto.toLowerCase(Locale.ROOT), resolvedHost);
  }

  /**
   * The value the hop {@code hops} from us appended to a list header; a proxy that replaced the
   * header rather than appending leaves fewer values, and then the left-most one is its.
   */
  private static String recordedBy(int hops, List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    int index = Math.max(0, values.size() - hops);
    return values.get(index);
  }

  private static boolean hasPort(String host) {
    int bracket = host.lastIndexOf(']');
    return host.indexOf(':', bracket + 1) >= 0;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
