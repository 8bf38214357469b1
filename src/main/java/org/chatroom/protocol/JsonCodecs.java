package org.chatroom.protocol;

import jakarta.json.bind.Jsonb;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Shared shutdown for the codecs' {@link Jsonb} instances. */
final class JsonCodecs {

  private static final Logger LOG = Logger.getLogger(JsonCodecs.class.getName());

  private JsonCodecs() {}

  static void close(Jsonb jsonb) {
    if (jsonb == null) {
      return;
    }
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "Closing a Jsonb failed", e);
    }
  }
}
