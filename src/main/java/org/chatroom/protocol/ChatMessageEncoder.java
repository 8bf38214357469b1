package org.chatroom.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Writes a frame as JSON. A room encodes each broadcast once with it and hands the same text to
 * every member, rather than letting the container encode it again per recipient.
 *
 * <pre>{"type":"login","from":"bob","content":"bob joined","room":"lobby","users":["alice","bob"]}
 * </pre>
 */
public class ChatMessageEncoder implements AutoCloseable {

  private final Jsonb jsonb = JsonbBuilder.create();

  public String encode(ChatMessage message) {
    return jsonb.toJson(message);
  }

  @Override
  public void close() {
    JsonCodecs.close(jsonb);
  }
}
