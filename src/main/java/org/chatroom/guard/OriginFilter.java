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
 * filter rather than {@code Configurator.checkOrigin} because the decision needs the request's own
 * host and scheme, which {@code checkOrigin} is not given. {@code web.xml} maps it to {@code
 * /chat/*} ahead of the container's WebSocket filter.
 */
public class OriginFilter implements Filter {

  private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());

  @Inject ChatSettings settings;

  private OriginPolicy policy;

  @Override
  public void init(FilterConfig config) {
    policy = new OriginPolicy(settings.allowedOrigins(), settings.allowMissingOrigin());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String origin = http.getHeader("Origin");
    if (!policy.allows(origin, http.getScheme(), http.getHeader("Host"))) {
      LOG.log(
          Level.INFO,
          "Refused a WebSocket handshake from origin {0} to {1}",
          new Object[] {origin, http.getRequestURI()});
      ((HttpServletResponse) response)
          .sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
      return;
    }
    chain.doFilter(request, response);
  }
}
