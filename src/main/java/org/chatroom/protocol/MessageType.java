package org.chatroom.protocol;

import java.util.Locale;
import java.util.Optional;

/** The frame types of the seed protocol; their wire names are the lower-case enum names. */
public enum MessageType {
  HANDSHAKE,
  LOGIN,
  LOGOUT,
  USER,
  SYSTEM,
  /** Extension: someone is typing; only for clients that asked for it at login. */
  TYPING,
  /** Extension: an operator removed a line; only the server sends it. */
  DELETE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a wire name stands for; empty for anything this server does not speak. */
  public static Optional<MessageType> fromWire(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (MessageType type : values()) {
      if (type.wireName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
