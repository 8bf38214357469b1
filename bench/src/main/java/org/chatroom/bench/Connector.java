package org.chatroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Opens connections and logs them in, a bounded number at a time, and waits until the rooms have
 * told every member about every join (the login storm is over before anything is measured).
 */
final class Connector {

  private static final Duration EACH = Duration.ofSeconds(30);

  /** How long a login count that stopped short must stay still to count as settled. */
  private static final Duration SETTLED = Duration.ofSeconds(2);

  private final Target target;
  private final int concurrency;

  Connector(Target target, int concurrency) {
    this.target = target;
    this.concurrency = concurrency;
  }

  /**
   * Connects and logs in every client, then waits for the login broadcasts to settle.
   *
   * @param clients the clients to connect, not connected yet
   * @param roomName the URL room name of each client's room index
   * @return nanoseconds from the first connection attempt to the last own login seen
   */
  long connect(List<ChatClient> clients, IntFunction<String> roomName) {
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<ChatClient>> logins = new ArrayList<>(clients.size());
    long start = Clock.nanos();
    for (ChatClient client : clients) {
      slots.acquireUninterruptibly();
      CompletableFuture<ChatClient> login =
          target
              .dialer
              .open(
                  client,
                  target.room(roomName.apply(client.room), client.index),
                  target.origin(client.index))
              .thenCompose(
                  opened -> {
                    client.login();
                    return client.loggedIn;
                  })
              .orTimeout(EACH.toSeconds(), TimeUnit.SECONDS)
              .whenComplete((done, failure) -> slots.release());
      logins.add(login);
    }
    int failed = 0;
    Throwable first = null;
    for (CompletableFuture<ChatClient> login : logins) {
      try {
        login.join();
      } catch (RuntimeException e) {
        failed++;
        first = first == null ? e : first;
      }
    }
    long elapsed = Clock.nanos() - start;
    if (failed > 0) {
      throw new IllegalStateException(
          failed + " of " + clients.size() + " connections failed to log in; first: " + first,
          first);
    }
    return elapsed;
  }

  /**
   * Waits until every member of each room has seen the login of everyone who joined after it: a
   * room that grew from empty to n members sent n(n+1)/2 login frames in all. Members on several
   * nodes may join at the same moment on two of them and find each other in their user lists
   * instead, so there, with {@code exact} false, a count that stopped moving for a while is settled
   * too.
   *
   * @param rooms the members of each room, every one of whom joined an empty room
   * @param timeout how long to wait at most
   * @param exact whether every one of the n(n+1)/2 frames must come
   * @return login frames never seen, over all rooms (0 when {@code exact})
   */
  static long awaitLogins(List<List<ChatClient>> rooms, Duration timeout, boolean exact) {
    long deadline = Clock.nanos() + timeout.toNanos();
    long expected = 0;
    for (List<ChatClient> room : rooms) {
      long n = room.size();
      expected += n * (n + 1) / 2;
    }
    long last = -1;
    long stillSince = Clock.nanos();
    long seen;
    // Over all rooms at once: waiting for each room to stand still in turn would add up.
    while ((seen = seenInAll(rooms)) < expected) {
      if (seen != last) {
        last = seen;
        stillSince = Clock.nanos();
      } else if (!exact && Clock.nanos() - stillSince > SETTLED.toNanos()) {
        break;
      }
      if (Clock.nanos() > deadline) {
        throw new IllegalStateException(
            "login broadcasts did not settle: " + seen + " of " + expected + " seen");
      }
      Clock.sleepMillis(20);
    }
    return Math.max(0, expected - seen);
  }

  /** Login frames seen, over all rooms; a room's own can be no more than its n(n+1)/2. */
  private static long seenInAll(List<List<ChatClient>> rooms) {
    long seen = 0;
    for (List<ChatClient> room : rooms) {
      long n = room.size();
      seen += Math.min(n * (n + 1) / 2, seen(room));
    }
    return seen;
  }

  private static long seen(List<ChatClient> room) {
    long total = 0;
    for (ChatClient client : room) {
      total += client.loginsSeen.get();
    }
    return total;
  }

  /**
   * Fails unless every client is still open and got no {@code system} frame: a refused or dropped
   * line (a rate limit left on, a slow client closed) would make the figures wrong.
   */
  static void requireHealthy(List<ChatClient> clients) {
    long troubled = 0;
    String example = null;
    for (ChatClient client : clients) {
      if (client.troubled()) {
        troubled++;
        example = example == null ? client.nickname + ": " + client.lastError() : example;
      }
    }
    if (troubled > 0) {
      throw new IllegalStateException(
          troubled + " of " + clients.size() + " clients were refused or closed; " + example);
    }
  }

  static void abortAll(List<ChatClient> clients) {
    clients.forEach(ChatClient::abort);
  }
}
