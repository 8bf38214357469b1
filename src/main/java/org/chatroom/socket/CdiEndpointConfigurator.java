package org.chatroom.socket;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatroom.guard.ClientAddressRequest;

/**
 * Creates endpoint instances through CDI, so that {@code @Inject} works in them on every container:
 * Payara would inject by itself, Tomcat's WebSocket layer knows nothing of CDI. It also hands the
 * client's address to the connection, which the WebSocket API does not give an endpoint.
 */
public class CdiEndpointConfigurator extends ServerEndpointConfig.Configurator {

  /**
   * The header the handshake filter sets to the client's address, as it resolved it (behind a
   * trusted proxy, the address the proxy forwarded for). The filter replaces whatever a client sent
   * under this name, so the value is the server's own.
   */
  public static final String CLIENT_ADDRESS_HEADER = "Chatroom-Client-Address";

  /** Where the connection finds its client's address among its session's user properties. */
  static final String CLIENT_ADDRESS = "chatroom.client-address";

  private final Map<Class<?>, Unmanaged<?>> factories = new ConcurrentHashMap<>();

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    try {
      @SuppressWarnings("unchecked")
      Unmanaged<T> factory =
          (Unmanaged<T>) factories.computeIfAbsent(endpointClass, Unmanaged::new);
      return factory.newInstance().produce().inject().postConstruct().get();
    } catch (RuntimeException e) {
      InstantiationException failure =
          new InstantiationException("CDI could not create " + endpointClass.getName());
      failure.initCause(e);
      throw failure;
    }
  }

  /**
   * Since WebSocket 2.1 the user properties seen here are the connection's own copy, and become its
   * session's: the one way from the handshake to the endpoint.
   */
  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
      // Set by the handshake filter, which replaces whatever a client sent under that name.
      if (ClientAddressRequest.HEADER.equalsIgnoreCase(header.getKey())
          && header.getValue() != null
          && header.getValue().size() == 1) {
        config.getUserProperties().put(CLIENT_ADDRESS, header.getValue().get(0));
      }
    }
  }
}
