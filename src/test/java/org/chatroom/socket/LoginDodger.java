package org.chatroom.socket;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.chatroom.testing.ChatClient;

/**
 * Item 2 of the soak: a client that connects and never logs in, again and again, to hold
 * connections without joining. The contract: once {@code chatroom.login.timeout-ms} has passed
 * without a login, {@code system} {@code login_timeout}, then close {@code 1008}.
 */
final class LoginDodger extends Hostile {

  static final String ROOM = "lobby";

  private final Duration loginTimeout;
  private volatile ChatClient open;

  LoginDodger(int index, Duration loginTimeout) {
    super("login dodger " + index, "203.0.113." + (30 + index));
    this.loginTimeout = loginTimeout;
  }

  @Override
  void attack(URL base, Instant until) throws Exception {
    // Twice the deadline leaves room for a busy server's timer.
    Duration wait = loginTimeout.multipliedBy(2);
    while (Instant.now().isBefore(until)) {
      ChatClient client = ChatClient.connect(base, ROOM, forwardedFor());
      open = client;
      try {
        Optional<JsonObject> handshake = client.poll(wait);
        if (handshake.isEmpty() || !"handshake".equals(handshake.get().getString("type"))) {
          breach("no handshake but " + handshake);
          return;
        }
        Optional<JsonObject> notice = client.poll(wait);
        if (notice.isEmpty()) {
          breach("still open " + wait + " after the handshake without a login");
          return;
        }
        if (!"login_timeout".equals(notice.get().getString("code", null))) {
          breach("was sent " + notice.get() + " instead of login_timeout");
        }
        int code = client.awaitClose();
        if (code != 1008) {
          breach("closed with " + code + " instead of 1008 after the login deadline");
        }
      } finally {
        client.abort();
        open = null;
      }
    }
  }

  @Override
  void stop() {
    ChatClient client = open;
    if (client != null) {
      client.close();
    }
  }
}
