package org.chatroom.socket;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;

/**
 * Item 2 of the soak: one of several clients that all pose as the same address and open connection
 * after connection, logged in so that the login deadline does not free them. The contract: at most
 * {@code chatroom.connections.per-address} of them are open at once, for all the slot takers of the
 * address together; each one more gets {@code system} {@code too_many_connections}, then close
 * {@code 1013}.
 */
final class SlotTaker extends Hostile {

  static final String ADDRESS = "203.0.113.7";
  static final String ROOM = "slots";
  static final int ATTEMPTS = 30;

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final int index;
  private final List<ChatClient> held = new ArrayList<>();

  SlotTaker(int index) {
    super("slot taker " + index, ADDRESS);
    this.index = index;
  }

  @Override
  void attack(URL base, Instant until) throws Exception {
    for (int attempt = 0; attempt < ATTEMPTS && Instant.now().isBefore(until); attempt++) {
      ChatClient client = ChatClient.connect(base, ROOM, forwardedFor());
      Optional<JsonObject> first = client.poll(WAIT);
      if (first.isEmpty()) {
        breach("no frame on a new connection within " + WAIT);
        client.abort();
      } else if ("handshake".equals(first.get().getString("type"))) {
        String nickname = "slot" + index + "x" + attempt;
        client.send(Frames.login(nickname));
        if (!loggedIn(client, nickname)) {
          breach("could not log in on an accepted connection");
        }
        synchronized (this) {
          held.add(client);
        }
      } else {
        refused(client, first.get());
      }
    }
  }

  private static boolean loggedIn(ChatClient client, String nickname) throws Exception {
    for (Optional<JsonObject> frame = client.poll(WAIT);
        frame.isPresent();
        frame = client.poll(WAIT)) {
      if ("login".equals(frame.get().getString("type"))
          && nickname.equals(frame.get().getString("from", null))) {
        return true;
      }
    }
    return false;
  }

  private void refused(ChatClient client, JsonObject frame) throws Exception {
    try {
      if (!"too_many_connections".equals(frame.getString("code", null))) {
        breach("a connection over the cap began with " + frame);
      }
      int code = client.awaitClose();
      if (code != 1013) {
        breach("a connection over the cap was closed with " + code + " instead of 1013");
      }
    } catch (Exception notClosed) {
      breach("a connection over the cap was not closed: " + notClosed);
    } finally {
      client.abort();
    }
  }

  /** Connections the server let it keep (that it holds still). */
  synchronized int held() {
    return (int) held.stream().filter(client -> !client.isClosed()).count();
  }

  @Override
  synchronized void stop() {
    held.forEach(ChatClient::close);
  }
}
