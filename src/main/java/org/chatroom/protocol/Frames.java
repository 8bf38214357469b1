package org.chatroom.protocol;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The server's one JSON writer for outgoing frames. Broadcasts are encoded here once and the same
 * text goes to every recipient; a {@link jakarta.json.bind.Jsonb} is thread-safe, so all
 * connections share it instead of each building its own.
 */
@ApplicationScoped
public class Frames {

  private final ChatMessageEncoder encoder = new ChatMessageEncoder();

  public Frames() {
    encoder.init(null);
  }

  @PreDestroy
  public void close() {
    encoder.destroy();
  }

  public String encode(ChatMessage message) {
    return encoder.encode(message);
  }
}
