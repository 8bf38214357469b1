package org.chatroom.guard;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.chatroom.platform.ChatSettings;

/**
 * Gives every response of the WAR (page, scripts, styles, {@code /api}) a Content-Security-Policy
 * that lets the page load only its own files and talk only to its own room, so that an injected
 * script has nowhere to run from or send to; plus {@code nosniff} and no referrer. The page keeps
 * to the policy: no inline script or style, only its own modules.
 *
 * <p>{@code connect-src} names the room's {@code ws:} and {@code wss:} origin explicitly, for
 * browsers in which {@code 'self'} does not cover WebSockets yet. {@code frame-ancestors} comes
 * from {@code chatroom.page.frame-ancestors} ({@code 'none'}: no site may frame the page, against
 * clickjacking).
 */
public class SecurityHeadersFilter implements Filter {

  /** A host as it may appear in a CSP source; anything else gets no WebSocket source. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9._-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

  @Inject ChatSettings settings;

  private TrustedProxies proxies;
  private String frameAncestors;
  private String frameOptions;

  @Override
  public void init(FilterConfig config) {
    proxies = new TrustedProxies(settings.trustedProxies());
    frameAncestors = settings.frameAncestors();
    if (frameAncestors.matches(".*[;,\\r\\n].*")) {
      throw new IllegalArgumentException(
          "Setting chatroom.page.frame-ancestors must be CSP sources separated by spaces, such as"
              + " 'self' https://portal.example.org, not '"
              + frameAncestors
              + "'");
    }
    // The older header, for browsers without frame-ancestors; it can say only these two.
    frameOptions =
        switch (frameAncestors) {
          case "'none'" -> "DENY";
          case "'self'" -> "SAMEORIGIN";
          default -> null;
        };
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader(
        "Content-Security-Policy", policy(proxies.resolve((HttpServletRequest) request).host()));
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("Referrer-Policy", "no-referrer");
    if (frameOptions != null) {
      http.setHeader("X-Frame-Options", frameOptions);
    }
    chain.doFilter(request, response);
  }

  /** The policy for a page the client asked for at {@code host} (its Host header; may be null). */
  String policy(String host) {
    String sockets =
        host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
    return "default-src 'self'; connect-src 'self'"
        + sockets
        // The page's icon is an empty data: URL, so that browsers do not ask for /favicon.ico.
        + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
        + "; frame-ancestors "
        + frameAncestors;
  }
}
