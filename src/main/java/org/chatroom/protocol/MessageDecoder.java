package org.chatroom.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/**
 * Reads a client frame. It accepts every text frame in {@link #willDecode} so that a broken one
 * reaches {@link #decode}, fails there with an {@link InvalidFrameException} and gets a clear
 * {@code system} answer instead of silence. Unknown fields are ignored.
 *
 * <pre>{"type":"login","content":"alice"}</pre>
 */
public class MessageDecoder implements Decoder.Text<ChatMessage> {

  private Jsonb jsonb;

  @Override
  public void init(EndpointConfig config) {
    jsonb = JsonbBuilder.create();
  }

  @Override
  public boolean willDecode(String frame) {
    return true;
  }

  @Override
  public ChatMessage decode(String frame) throws DecodeException {
    ChatMessage message;
    try {
      message = jsonb.fromJson(frame, ChatMessage.class);
    } catch (JsonbException | ClassCastException e) {
      throw new InvalidFrameException(
          ErrorCode.MALFORMED_FRAME, frame, "Not a JSON object of the chat protocol", e);
    }
    if (message == null) {
      throw new InvalidFrameException(
          ErrorCode.MALFORMED_FRAME, frame, "Not a JSON object of the chat protocol");
    }
    if (MessageType.fromWire(message.getType()).isEmpty()) {
      throw new InvalidFrameException(
          ErrorCode.UNKNOWN_TYPE, frame, "Unknown message type: " + message.getType());
    }
    return message;
  }

  @Override
  public void destroy() {
    JsonCodecs.close(jsonb);
  }
}
