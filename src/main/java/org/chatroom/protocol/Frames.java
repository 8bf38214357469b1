package org.chatroom.protocol;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.DecodeException;

/**
 * The server's one JSON reader and writer of frames. Broadcasts are encoded here once and the same
 * text goes to every recipient. {@link jakarta.json.bind.Jsonb} and the JSON-P parser factory are
 * thread-safe, so all connections share them instead of each building its own.
 */
@ApplicationScoped
public class Frames {

  private final ChatMessageEncoder encoder = new ChatMessageEncoder();
  private final MessageDecoder decoder = new MessageDecoder();

  public Frames() {
    encoder.init(null);
    decoder.init(null);
  }

  @PreDestroy
  public void close() {
    encoder.destroy();
    decoder.destroy();
  }

  public String encode(ChatMessage message) {
    return encoder.encode(message);
  }

  /** Reads one client frame; the exception names what is wrong with a broken one. */
  public ChatMessage decode(String frame) throws InvalidFrameException {
    try {
      return decoder.decode(frame);
    } catch (InvalidFrameException e) {
      throw e;
    } catch (DecodeException e) {
      throw new InvalidFrameException(ErrorCode.MALFORMED_FRAME, frame, e.getMessage(), e);
    }
  }
}
