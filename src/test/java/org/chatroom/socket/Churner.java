package org.chatroom.socket;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;

/**
 * Item 3 of the soak: a member of a well-behaved room that logs in, says it types and logs out as
 * fast as the frame rate lets it (so that only the presence budget is what it overruns). The
 * contract: past {@code chatroom.presence.burst} logins and logouts it is refused {@code
 * rate_limited} and stays connected; its typing notices reach the room at most once per {@code
 * chatroom.typing.interval-ms} (checked by the room's chatters).
 */
final class Churner extends Hostile {

  /** Under the frame rate (5 a second), so that flooding is not what it is refused for. */
  private static final long PACE_MILLIS = 250;

  final String nickname;
  private final String room;
  private final AtomicInteger refusedPresence = new AtomicInteger();
  private volatile ChatClient client;

  Churner(int index, String room) {
    super("churner " + index, "203.0.113." + (40 + index));
    this.nickname = "churner" + index;
    this.room = room;
  }

  @Override
  void attack(URL base, Instant until) throws Exception {
    client = ChatClient.connect(base, room, forwardedFor());
    for (int step = 0; Instant.now().isBefore(until) && !client.isClosed(); step++) {
      client.send(
          switch (step % 3) {
            case 0 -> Frames.login(nickname);
            case 1 -> Frames.typing();
            default -> Frames.logout();
          });
      drain();
      Thread.sleep(PACE_MILLIS);
    }
    drain();
    if (client.isClosed()) {
      breach("was disconnected; over the presence budget it must stay connected");
    }
    if (refusedPresence.get() == 0) {
      breach("was never refused rate_limited for churning logins and logouts");
    }
  }

  /** Reads what arrived (the room's lines among it) without waiting. */
  private void drain() throws InterruptedException {
    for (Optional<JsonObject> frame = client.poll(Duration.ZERO);
        frame.isPresent();
        frame = client.poll(Duration.ZERO)) {
      if ("rate_limited".equals(frame.get().getString("code", null))) {
        refusedPresence.incrementAndGet();
      }
    }
  }

  @Override
  void stop() {
    if (client != null) {
      client.close();
    }
  }
}
