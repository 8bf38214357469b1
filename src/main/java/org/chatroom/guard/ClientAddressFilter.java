package org.chatroom.guard;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.chatroom.platform.ChatSettings;

/**
 * Hands the client's address (behind a trusted proxy, the one the proxy forwards) to the WebSocket
 * endpoint, which sees the handshake's headers but not the HTTP request: the request goes on with
 * the header {@value ClientAddressRequest#HEADER} holding exactly that address, whatever the client
 * sent under that name. {@code web.xml} maps it to {@code /chat/*} ahead of the container's
 * WebSocket filter.
 */
public class ClientAddressFilter implements Filter {

  @Inject ChatSettings settings;

  private TrustedProxies proxies;

  @Override
  public void init(FilterConfig config) {
    proxies = new TrustedProxies(settings.trustedProxies());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    chain.doFilter(new ClientAddressRequest(http, proxies.resolve(http).address()), response);
  }
}
