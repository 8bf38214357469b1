package org.chatroom.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

/**
 * Writes a frame as JSON. A room encodes each broadcast once with it and hands the same text to
 * every member, rather than letting the container encode it again per recipient.
 *
 * <pre>{"type":"login","from":"bob","content":"bob joined","room":"lobby","users":["alice","bob"]}
 * </pre>
 */
public class ChatMessageEncoder implements Encoder.Text<ChatMessage> {

  private Jsonb jsonb;

  @Override
  public void init(EndpointConfig config) {
    jsonb = JsonbBuilder.create();
  }

  @Override
  public String encode(ChatMessage message) {
    return jsonb.toJson(message);
  }

  @Override
  public void destroy() {
    JsonCodecs.close(jsonb);
  }
}
