package org.chatroom.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whose pages may open a WebSocket to the room, against cross-site WebSocket hijacking: a
 * page on another site could otherwise connect with the visitor's cookies. Allowed are the room's
 * own origin (same scheme, host and port as the request), the origins on the allow-list, and, if so
 * configured, clients that send no {@code Origin} at all (tools, not browsers).
 */
public final class OriginPolicy {

  private final Set<String> allowed;
  private final boolean anyOrigin;
  private final boolean allowMissing;

  public OriginPolicy(List<String> allowedOrigins, boolean allowMissing) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).collect(Collectors.toSet());
    this.allowMissing = allowMissing;
  }

  /**
   * @param origin the request's {@code Origin} header, or null
   * @param scheme the request's scheme, {@code http} or {@code https}
   * @param host the request's {@code Host} header, with or without a port
   */
  public boolean allows(String origin, String scheme, String host) {
    if (origin == null || origin.isBlank()) {
      return allowMissing;
    }
    if (anyOrigin || allowed.contains(normalise(origin))) {
      return true;
    }
    return host != null && sameOrigin(origin, scheme, host);
  }

  private static boolean sameOrigin(String origin, String scheme, String host) {
    try {
      URI page = new URI(origin.strip());
      URI request = new URI(scheme + "://" + host.strip());
      return page.getScheme() != null
          && page.getHost() != null
          && page.getScheme().equalsIgnoreCase(request.getScheme())
          && page.getHost().equalsIgnoreCase(request.getHost())
          && port(page) == port(request);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String normalise(String origin) {
    String trimmed = origin.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
