package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The reconnect scenario of docs/PROTOCOL.md, for the Tyrus suite and the containers alike: a
 * client drops while twenty others talk, comes back with {@code since} while they still talk, and
 * must end with exactly the lines of a client that never left, in the same order, none twice.
 */
public final class CatchUp {

  private static final int TALKERS = 20;
  private static final int LINES_EACH = 9; // under the default burst of 30
  private static final int TOTAL = TALKERS * LINES_EACH;

  private CatchUp() {}

  public static void whileTwentyOthersTalk(URL base, String room) throws Exception {
    List<ChatClient> talkers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(TALKERS);
    try (ChatClient watcher = ChatClient.login(base, room, "watcher")) {
      ChatClient phone = ChatClient.login(base, room, "phone");
      for (int i = 0; i < TALKERS; i++) {
        // Twenty people, each from an address of their own, as on the internet.
        talkers.add(ChatClient.loginFrom("198.51.100." + (i + 1), base, room, "talker" + i));
      }
      List<Long> phoneIds = new ArrayList<>();

      talk(pool, talkers, 0, 3);
      while (phoneIds.size() < TALKERS * 3) {
        JsonObject frame = phone.next();
        if ("user".equals(frame.getString("type"))) {
          phoneIds.add(Frames.id(frame));
        }
      }
      phone.abort();

      List<Future<?>> talking = talk(pool, talkers, 3, LINES_EACH);
      long since = phoneIds.get(phoneIds.size() - 1);
      phone = ChatClient.connect(base, room);
      phone.expect("handshake");
      phone.send(Frames.login("phone", since));
      boolean echoed = false;
      int retries = 0;
      // All the missed lines may come as the replay, the echo right after them: wait for both.
      while (phoneIds.size() < TOTAL || !echoed) {
        JsonObject frame = phone.next();
        String type = frame.getString("type");
        if ("user".equals(type)) {
          assertEquals(!echoed, frame.getBoolean("history", false), () -> "replayed? " + frame);
          phoneIds.add(Frames.id(frame));
        } else if ("login".equals(type) && "phone".equals(frame.getString("from"))) {
          assertTrue(frame.getBoolean("recovered"), () -> "not recovered: " + frame);
          echoed = true;
        } else if ("nickname_taken".equals(frame.getString("code", null)) && retries++ < 40) {
          // The server has not yet seen the dropped connection go: retry, as the page does.
          Thread.sleep(250);
          phone.send(Frames.login("phone", since));
        }
      }
      for (Future<?> talker : talking) {
        talker.get(ChatClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      phone.close();

      List<Long> watcherIds = new ArrayList<>();
      while (watcherIds.size() < TOTAL) {
        JsonObject frame = watcher.next();
        if ("user".equals(frame.getString("type"))) {
          watcherIds.add(Frames.id(frame));
        }
      }
      for (int i = 1; i < TOTAL; i++) {
        assertEquals(watcherIds.get(i - 1) + 1, watcherIds.get(i), "ids rise by one, no gap");
      }
      assertEquals(watcherIds, phoneIds, "the phone's lines are the watcher's, in order, once");
    } finally {
      pool.shutdownNow();
      talkers.forEach(ChatClient::close);
    }
  }

  /** Each talker says its lines {@code from} to {@code to} (exclusive), all at once. */
  private static List<Future<?>> talk(
      ExecutorService pool, List<ChatClient> talkers, int from, int to) throws Exception {
    List<Future<?>> talking = new ArrayList<>();
    for (int i = 0; i < talkers.size(); i++) {
      ChatClient talker = talkers.get(i);
      String name = "talker" + i;
      talking.add(
          pool.submit(
              () -> {
                for (int n = from; n < to; n++) {
                  talker.say(name + "-" + n);
                }
                return null;
              }));
    }
    if (from == 0) {
      for (Future<?> done : talking) {
        done.get(ChatClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    return talking;
  }
}
