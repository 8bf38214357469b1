package org.chatroom.guard;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

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

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Range> ranges;

  /**
   * @param entries addresses ({@code 10.0.0.7}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8},
   *     {@code fd00::/8})
   * @throws IllegalArgumentException naming the setting for an entry that is neither
   */
  public TrustedProxies(List<String> entries) {
    List<Range> parsed = new ArrayList<>();
    for (String entry : entries) {
      parsed.add(
          Range.parse(entry)
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
    Optional<InetAddress> parsed = literal(address);
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
    String self = canonical(peer);
    if (!trusts(self)) {
      return new ClientRequest(self, scheme, host);
    }
    List<Map<String, String>> forwarded = forwardedElements(headers.apply("Forwarded"));
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
      Optional<String> address = nodeAddress(elements.get(i).get("for"));
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
    List<String> chain = listValues(headers.apply("X-Forwarded-For"));
    String client = peer;
    int hops = 1;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<String> address = nodeAddress(chain.get(i));
      if (address.isEmpty()) {
        break;
      }
      client = address.get();
      hops = chain.size() - i;
      if (!trusts(client)) {
        break;
      }
    }
    String proto = recordedBy(hops, listValues(headers.apply("X-Forwarded-Proto")));
    String forwardedHost = recordedBy(hops, listValues(headers.apply("X-Forwarded-Host")));
    String port = recordedBy(hops, listValues(headers.apply("X-Forwarded-Port")));
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

  private static List<String> listValues(List<String> headerValues) {
    List<String> values = new ArrayList<>();
    for (String header : headerValues) {
      for (String part : header.split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
    }
    return values;
  }

  /** RFC 7239 elements, left to right, each a map of its lower-cased parameter names. */
  static List<Map<String, String>> forwardedElements(List<String> headerValues) {
    List<Map<String, String>> elements = new ArrayList<>();
    for (String header : headerValues) {
      for (String element : splitOutsideQuotes(header, ',')) {
        Map<String, String> pairs = new TreeMap<>();
        for (String pair : splitOutsideQuotes(element, ';')) {
          int equals = pair.indexOf('=');
          if (equals > 0) {
            pairs.putIfAbsent(
                pair.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                unquote(pair.substring(equals + 1).strip()));
          }
        }
        if (!pairs.isEmpty()) {
          elements.add(pairs);
        }
      }
    }
    return elements;
  }

  private static List<String> splitOutsideQuotes(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < text.length()) {
        current.append(c);
        c = text.charAt(++i);
      } else if (c == separator && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    parts.add(current.toString());
    return parts;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return value;
  }

  /**
   * The IP address of a {@code for=} node or {@code X-Forwarded-For} entry ({@code 192.0.2.60},
   * {@code 192.0.2.60:4711}, {@code [2001:db8::17]:4711}, {@code 2001:db8::17}); empty for {@code
   * unknown} and obfuscated names.
   */
  static Optional<String> nodeAddress(String node) {
    if (node == null) {
      return Optional.empty();
    }
    String value = node.strip();
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      value = close < 0 ? "" : value.substring(1, close);
    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
      value = value.substring(0, value.indexOf(':'));
    }
    return literal(value).map(InetAddress::getHostAddress);
  }

  /** The peer address in the form every other address is given in. */
  private static String canonical(String address) {
    return literal(address).map(InetAddress::getHostAddress).orElse(address);
  }

  /** An IP literal as an address, without ever asking DNS; IPv6 zone ids are dropped. */
  static Optional<InetAddress> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    int zone = value.indexOf('%');
    if (zone >= 0) {
      value = value.substring(0, zone);
    }
    String bracketed;
    if (IPV4.matcher(value).matches()) {
      for (String octet : value.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
      bracketed = value;
    } else if (IPV6.matcher(value).matches()) {
      // In brackets, the JDK parses an IPv6 literal or fails; bare, it may fall back to DNS.
      bracketed = "[" + value + "]";
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bracketed));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** One address or CIDR range. IPv4-mapped IPv6 addresses count as their IPv4 address. */
  private record Range(byte[] network, int prefix) {

    static Optional<Range> parse(String entry) {
      String value = entry.strip();
      int slash = value.indexOf('/');
      Optional<InetAddress> address = literal(slash < 0 ? value : value.substring(0, slash));
      if (address.isEmpty()) {
        return Optional.empty();
      }
      int bits = address.get().getAddress().length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String length = value.substring(slash + 1);
        if (!length.matches("\\d{1,3}")) {
          return Optional.empty();
        }
        prefix = Integer.parseInt(length);
        if (prefix > bits) {
          return Optional.empty();
        }
      }
      return Optional.of(new Range(address.get().getAddress(), prefix));
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int shift = bytes.length * 8 - prefix;
      return new BigInteger(1, bytes)
          .shiftRight(shift)
          .equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
