package org.chatroom.socket;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatroom.testing.ChatClient;

/**
 * A client of the soak that breaks the rules on purpose. It notes each way the server failed to put
 * it down as the contract says (docs/PROTOCOL.md), once, as a breach.
 */
abstract class Hostile {

  private final Set<String> breaches = new LinkedHashSet<>();

  /** Who it is in the breaches. */
  final String name;

  /** The client address it poses as, behind the trusted proxy that the loopback is. */
  final String address;

  Hostile(String name, String address) {
    this.name = name;
    this.address = address;
  }

  /** Misbehaves until {@code until}, or until there is nothing left to try. */
  abstract void attack(URL base, Instant until) throws Exception;

  /** Ends the connections it still holds. */
  abstract void stop();

  final synchronized void breach(String what) {
    breaches.add(name + ": " + what);
  }

  final synchronized List<String> breaches() {
    return new ArrayList<>(breaches);
  }

  final Map<String, String> forwardedFor() {
    return Map.of("X-Forwarded-For", address);
  }

  static URI roomUri(URL base, String room) {
    return ChatClient.roomUri(base, room);
  }

  static String origin(URL base) {
    return ChatClient.origin(base);
  }

  /** A frame as a client would write it, the text put in a JSON string as is (no escapes). */
  static String frame(String type, String content) {
    return "{\"type\":\"" + type + "\",\"content\":\"" + content + "\"}";
  }
}
