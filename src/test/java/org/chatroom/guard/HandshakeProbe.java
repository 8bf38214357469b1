package org.chatroom.guard;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test-only endpoint under {@code /chat/*} (so behind the chat room's filters), added to the WAR
 * by {@link ForwardedIT}: it reads {@value ClientAddressRequest#HEADER} from the handshake as the
 * chat endpoint's configurator does (case-insensitively, every value) and sends back what it saw,
 * values joined with {@code |}.
 */
@ServerEndpoint(value = "/chat/probe/handshake", configurator = HandshakeProbe.Recorder.class)
public class HandshakeProbe {

  private static final String SEEN = "chatroom.probe.seen";

  @OnOpen
  public void open(Session session, EndpointConfig config) throws IOException {
    session.getBasicRemote().sendText((String) config.getUserProperties().get(SEEN));
  }

  /** Copies the header's values into the connection's own properties. */
  public static class Recorder extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(
        ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      List<String> values = new ArrayList<>();
      for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
        if (ClientAddressRequest.HEADER.equalsIgnoreCase(header.getKey())) {
          values.addAll(header.getValue());
        }
      }
      config.getUserProperties().put(SEEN, String.join("|", values));
    }
  }
}
