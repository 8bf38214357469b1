package org.chatroom.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a frame as JSON. A room encodes each broadcast once with it and hands the same text to
 * every member, rather than letting the container encode it again per recipient.
 *
 * <pre>{"type":"login","from":"bob","content":"bob joined","room":"lobby","users":["alice","bob"]}
 * </pre>
 */
public class ChatMessageEncoder implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ChatMessageEncoder.class.getName());

  private final Jsonb jsonb = JsonbBuilder.create();

  public String encode(ChatMessage message) {
    return jsonb.toJson(message);
  }

  /**
   * Closes the {@link Jsonb} with nothing but classes already loaded: a full Payara Server runs
   * this after the application's class loader has closed, where loading one more class of ours
   * failed and logged an error at every undeploy.
   */
  @Override
  public void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "Closing a Jsonb failed", e);
    }
  }
}
