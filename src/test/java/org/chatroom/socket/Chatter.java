package org.chatroom.socket;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;

/**
 * A well-behaved member of a soak room: it says numbered lines that carry their send time, and
 * checks what it receives as it arrives, keeping only counts: every line of every chatter of its
 * room once, in {@code id} order, none skipped; each delivery's latency goes to {@link Latencies}.
 * Its line reads {@code soak <nickname> <number> <System.nanoTime() at sending>}: the senders and
 * the receivers share this JVM's clock.
 */
final class Chatter {

  private static final String MARK = "soak ";

  final String nickname;
  final String room;
  private final String address;
  private final Latencies latencies;
  private final CompletableFuture<Void> joined = new CompletableFuture<>();
  private final List<String> breaches = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger received = new AtomicInteger();
  private volatile int sent;
  private ChatClient client;

  // Read and written only on the client's thread, which hands over one frame at a time.
  private long lastId = -1;
  private final Map<String, Integer> lastNumberBySender = new HashMap<>();
  private final Map<String, Integer> typingBySender = new HashMap<>();

  Chatter(String nickname, String room, String address, Latencies latencies) {
    this.nickname = nickname;
    this.room = room;
    this.address = address;
    this.latencies = latencies;
  }

  /** Connects as its own address (behind the trusted proxy, the loopback) and logs in. */
  void join(URL base) throws Exception {
    client = ChatClient.listen(base, room, Map.of("X-Forwarded-For", address), this::arrived);
    client.send("{\"type\":\"login\",\"content\":\"" + nickname + "\",\"typing\":true}");
    joined.get(ChatClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Says its next line; called from one thread at a time. */
  void sayNext() throws Exception {
    int number = sent + 1;
    client.send(Frames.line(MARK + nickname + " " + number + " " + System.nanoTime()));
    sent = number;
  }

  int sent() {
    return sent;
  }

  int received() {
    return received.get();
  }

  boolean closed() {
    return client.isClosed();
  }

  private synchronized void arrived(JsonObject frame) {
    long now = System.nanoTime();
    String type = frame.getString("type", "");
    String from = frame.getString("from", "");
    switch (type) {
      case "login" -> {
        if (nickname.equals(from)) {
          joined.complete(null);
        }
      }
      case "user" -> line(frame, now);
      case "typing" -> typingBySender.merge(from, 1, Integer::sum);
      case "system" -> breaches.add(nickname + " was sent " + frame);
      default -> {
        // handshake, logout: nothing to check
      }
    }
  }

  private void line(JsonObject frame, long now) {
    String content = frame.getString("content", "");
    if (frame.getBoolean("history", false) || !content.startsWith(MARK)) {
      return;
    }
    String[] parts = content.split(" ");
    String sender = parts[1];
    int number = Integer.parseInt(parts[2]);
    latencies.record(now - Long.parseLong(parts[3]));
    received.incrementAndGet();
    long id = Frames.id(frame);
    if (lastId >= 0 && id != lastId + 1) {
      breaches.add(nickname + " got line id " + id + " after " + lastId);
    }
    lastId = id;
    int expected = lastNumberBySender.getOrDefault(sender, 0) + 1;
    if (number != expected) {
      breaches.add(nickname + " got " + sender + "'s line " + number + ", expected " + expected);
    }
    lastNumberBySender.put(sender, number);
  }

  /**
   * What went wrong for this member once everyone stopped talking: the lines of its room it never
   * got ({@code sentBy}: each chatter of the room and how many lines it said), frames it should
   * never have been sent, and a closed connection.
   */
  synchronized List<String> breaches(Map<String, Integer> sentBy) {
    List<String> found = new ArrayList<>(breaches);
    sentBy.forEach(
        (sender, count) -> {
          int got = lastNumberBySender.getOrDefault(sender, 0);
          if (got != count) {
            found.add(nickname + " got " + got + " of " + sender + "'s " + count + " lines");
          }
        });
    if (client.isClosed()) {
      found.add(nickname + " was disconnected");
    }
    return found;
  }

  /** Whether it has every line of its room ({@code sentBy} as in {@link #breaches}). */
  boolean hasAll(Map<String, Integer> sentBy) {
    return received.get() >= sentBy.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Typing notices received from each member. */
  Map<String, Integer> typingBySender() {
    synchronized (this) {
      return new HashMap<>(typingBySender);
    }
  }

  void leave() {
    if (client != null) {
      client.close();
    }
  }
}
