package org.chatroom.guard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A request whose header {@value #HEADER} is the given client address and nothing else: a value the
 * client sent under that name (in any case) is hidden from every header method.
 */
public final class ClientAddressRequest extends HttpServletRequestWrapper {

  /** The header the WebSocket endpoint reads the client's address from. */
  public static final String HEADER = "Chatroom-Client-Address";

  private final String address;

  public ClientAddressRequest(HttpServletRequest request, String address) {
    super(request);
    this.address = address;
  }

  @Override
  public String getHeader(String name) {
    return HEADER.equalsIgnoreCase(name) ? address : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return HEADER.equalsIgnoreCase(name)
        ? Collections.enumeration(List.of(address))
        : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> names = new ArrayList<>();
    for (String name : Collections.list(super.getHeaderNames())) {
      if (!HEADER.equalsIgnoreCase(name)) {
        names.add(name);
      }
    }
    names.add(HEADER);
    return Collections.enumeration(names);
  }
}
