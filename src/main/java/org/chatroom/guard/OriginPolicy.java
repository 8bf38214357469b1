package org.chatroom.guard;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whose pages may open a WebSocket to the room, against cross-site WebSocket hijacking: a
 * page on another site could otherwise connect with the visitor's cookies. Allowed are the room's
 * own origin (same scheme, host and port as the request the client made, which {@link
 * TrustedProxies} recovers behind a proxy), the origins on the allow-list (with or without their
 * default port), and, if so configured, clients that send no {@code Origin} at all (tools, not
 * browsers).
 */
public final class OriginPolicy {

  private final Set<WebOrigin> allowed;
  private final boolean anyOrigin;
  private final boolean allowMissing;

  /**
   * @throws IllegalArgumentException for an allow-list entry that is not an origin: a typo there
   *     would otherwise refuse the very pages it was meant to let in, silently
   */
  public OriginPolicy(List<String> allowedOrigins, boolean allowMissing) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.allowed =
        allowedOrigins.stream()
            .filter(entry -> !entry.equals("*"))
            .map(OriginPolicy::parseEntry)
            .collect(Collectors.toUnmodifiableSet());
    this.allowMissing = allowMissing;
  }

  private static WebOrigin parseEntry(String entry) {
    return WebOrigin.parse(entry)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Setting chatroom.origins.allowed must list origins such as"
                        + " https://chat.example.org, not '"
                        + entry
                        + "'"));
  }

  /**
   * @param origin the request's {@code Origin} header, or null
   * @param scheme the scheme the client used, {@code http} or {@code https}
   * @param host the host the client asked for ({@code Host} header), with or without a port
   */
  public boolean allows(String origin, String scheme, String host) {
    if (origin == null || origin.isBlank()) {
      return allowMissing;
    }
    if (anyOrigin) {
      return true;
    }
    Optional<WebOrigin> page = WebOrigin.parse(origin);
    if (page.isEmpty()) {
      return false;
    }
    return allowed.contains(page.get()) || page.equals(WebOrigin.of(scheme, host));
  }
}
