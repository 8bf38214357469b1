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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;

/**
 * Refuses WebSocket handshakes from foreign origins with HTTP 403 before the upgrade. It is a
 * filter rather than {@code Configurator.checkOrigin} because the decision needs the scheme and
 * host the client used (behind a trusted proxy, those the proxy forwards), which {@code
 * checkOrigin} is not given. {@code web.xml} maps it to {@code /chat/*} ahead of the container's
 * WebSocket filter.
 */
public class OriginFilter implements Filter {

  private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());

  @Inject ChatSettings settings;

  private OriginPolicy policy;
  private TrustedProxies proxies;

  @Override
  public void init(FilterConfig config) {
    policy = new OriginPolicy(settings.allowedOrigins(), settings.allowMissingOrigin());
    proxies = new TrustedProxies(settings.trustedProxies());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String origin = http.getHeader("Origin");
    ClientRequest client = proxies.resolve(http);
    if (!policy.allows(origin, client.scheme(), client.host())) {
      LOG.log(
          Level.INFO,
          "Refused a WebSocket handshake from origin {0} to {1}://{2}{3} (client {4})",
          new Object[] {
            origin, client.scheme(), client.host(), http.getRequestURI(), client.address()
          });
      ((HttpServletResponse) response)
          .sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
      return;
    }
    chain.doFilter(request, response);
  }
}
