package org.chatroom.guard;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A web origin: scheme, host and port, with the scheme's default port filled in, so that {@code
 * https://chat.example.org} and {@code https://chat.example.org:443} are equal. Parsed by hand
 * because {@link java.net.URI} gives no host for names with an underscore, which real hosts have.
 */
public record WebOrigin(String scheme, String host, int port) {

  /**
   * An origin such as an {@code Origin} header carries; a trailing slash or path (as operators
   * write allow-list entries) is ignored. Empty for {@code null}, {@code "null"} and anything that
   * is not {@code scheme://host[:port]}.
   */
  public static Optional<WebOrigin> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip();
    int separator = value.indexOf("://");
    if (separator <= 0) {
      return Optional.empty();
    }
    String rest = value.substring(separator + 3);
    int end = indexOfAny(rest, "/?#");
    if (end >= 0) {
      rest = rest.substring(0, end);
    }
    if (rest.indexOf('@') >= 0) {
      return Optional.empty();
    }
    return of(value.substring(0, separator), rest);
  }

  /**
   * The origin of a request made with {@code scheme} to {@code authority} ({@code host[:port]}, as
   * in a {@code Host} header). WebSocket schemes count as their HTTP twins.
   */
  public static Optional<WebOrigin> of(String scheme, String authority) {
    if (scheme == null || authority == null) {
      return Optional.empty();
    }
    String lowerScheme = httpScheme(scheme.strip().toLowerCase(Locale.ROOT));
    if (!lowerScheme.matches("[a-z][a-z0-9+.-]*")) {
      return Optional.empty();
    }
    String hostPort = authority.strip();
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = hostPort.substring(0, close + 1);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        return Optional.empty();
      }
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!validHost(host)) {
      return Optional.empty();
    }
    int number;
    if (port.isEmpty()) {
      number = defaultPort(lowerScheme);
    } else if (port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      number = Integer.parseInt(port);
    } else {
      return Optional.empty();
    }
    if (number < 0 || number > 65_535) {
      return Optional.empty();
    }
    return Optional.of(new WebOrigin(lowerScheme, host, number));
  }

  private static String httpScheme(String scheme) {
    switch (scheme) {
      case "ws":
        return "http";
      case "wss":
        return "https";
      default:
        return scheme;
    }
  }

  private static int defaultPort(String scheme) {
    switch (scheme) {
      case "http":
        return 80;
      case "https":
        return 443;
      default:
        return -1;
    }
  }

  /** A DNS name (underscores allowed), an IPv4 address or a bracketed IPv6 address. */
  private static boolean validHost(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.startsWith("[")) {
      return host.endsWith("]") && host.length() > 2 && host.matches("\\[[0-9a-f:.]+]");
    }
    return host.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The origin as a browser writes it: the port only when it is not the scheme's default. */
  @Override
  public String toString() {
    return port == defaultPort(scheme) ? scheme + "://" + host : scheme + "://" + host + ":" + port;
  }

  /**
   * Written out rather than generated: a record's generated {@code equals} and {@code hashCode}
   * (bootstrapped through {@code java.lang.runtime.ObjectMethods}) kept the application's class
   * loader alive after undeploy on JDK 17 (Tomcat's "Find leaks", in RedeployIT).
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof WebOrigin that
        && that.scheme.equals(scheme)
        && that.host.equals(host)
        && that.port == port;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, host, port);
  }
}
