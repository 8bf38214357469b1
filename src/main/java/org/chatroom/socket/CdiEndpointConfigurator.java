package org.chatroom.socket;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates endpoint instances through CDI, so that {@code @Inject} works in them on every container:
 * Payara would inject by itself, Tomcat's WebSocket layer knows nothing of CDI.
 */
public class CdiEndpointConfigurator extends ServerEndpointConfig.Configurator {

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
}
