package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Frames;
import org.chatroom.testing.RawWebSocket;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The second hardening round in the container, where the handshake filter, the container's own
 * reading of parts and pongs, and its threads are real: what one address, one never-logging-in
 * connection, a churner, a liar about pongs and a flooder can do, and what they cannot.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardeningIT {

  private static final int PER_ADDRESS = 6;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar(
        Map.of(
            ChatSettings.CONNECTIONS_PER_ADDRESS, String.valueOf(PER_ADDRESS),
            ChatSettings.LOGIN_TIMEOUT_MS, "2000",
            ChatSettings.PRESENCE_BURST, "3",
            ChatSettings.PRESENCE_PER_MINUTE, "1",
            ChatSettings.IDLE_TIMEOUT_MS, "3000",
            // Payara Micro serves the test on the machine's own address, not the loopback: this
            // test's client is a trusted proxy wherever it connects from.
            ChatSettings.TRUSTED_PROXIES, "0.0.0.0/0, ::/0"));
  }

  @Test
  void oneAddressGetsItsShareBehindATrustedProxyWhateverItClaims() throws Exception {
    List<ChatClient> taken = new ArrayList<>();
    try {
      for (int i = 0; i < PER_ADDRESS; i++) {
        // The loopback is a trusted proxy by default: its X-Forwarded-For names the client. The
        // header the filter owns is the client's lie, and changes nothing.
        ChatClient client = connect("203.0.113.7", "10.0.0." + i);
        client.expect("handshake");
        taken.add(client);
      }
      try (ChatClient over = connect("203.0.113.7", "10.0.0.99")) {
        over.expectError("too_many_connections");
        assertEquals(1013, over.awaitClose());
      }
      try (ChatClient neighbour = connect("203.0.113.8", null)) {
        neighbour.expect("handshake");
      }
    } finally {
      taken.forEach(ChatClient::close);
    }
  }

  @Test
  void connectionThatNeverLogsInIsClosedAfterTheDeadline() throws Exception {
    try (ChatClient stranger = ChatClient.connect(base, "deadline")) {
      stranger.expect("handshake");
      stranger.expectError("login_timeout");
      assertEquals(1008, stranger.awaitClose());
    }
  }

  @Test
  void churnAndTypingStormsAreThrottled() throws Exception {
    try (ChatClient alice = ChatClient.connect(base, "churn");
        ChatClient carol = ChatClient.connect(base, "churn")) {
      alice.expect("handshake");
      alice.send("{\"type\":\"login\",\"content\":\"alice\",\"typing\":true}");
      alice.expect("login");
      carol.expect("handshake");
      carol.send(Frames.login("carol"));
      carol.expect("login");
      carol.send(Frames.logout());
      carol.send(Frames.login("carol"));
      carol.expect("login");
      carol.send(Frames.logout());
      carol.expectError("rate_limited"); // three in the burst, the fourth refused
      for (int i = 0; i < 8; i++) {
        carol.send(Frames.typing());
      }
      carol.say("done");
      int logins = 0;
      int notices = 0;
      while (true) {
        JsonObject frame = alice.next();
        String type = frame.getString("type");
        if ("login".equals(type)) {
          logins++;
        } else if ("typing".equals(type)) {
          notices++;
        } else if ("done".equals(frame.getString("content", null))) {
          break;
        }
      }
      assertEquals(2, logins, "carol's two logins, and no more");
      assertEquals(1, notices, "one typing notice for eight");
    }
  }

  @Test
  void madeUpPongsKeepNoSilentClientAlive() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "pongs", "alice");
        RawWebSocket liar = RawWebSocket.open(ChatClient.roomUri(base, "pongs"), origin())) {
      liar.sendText(Frames.login("liar"));
      alice.skipUntil("login", "liar");
      long deadline = System.nanoTime() + 20_000_000_000L;
      long guess = 0;
      while (System.nanoTime() < deadline) {
        // What a counter would have sent: 1, 2, 3...; never the random payload of the ping.
        liar.send(RawWebSocket.PONG, ByteBuffer.allocate(Long.BYTES).putLong(0, ++guess).array());
        if (alice.nothingPending()) {
          Thread.sleep(300);
        } else if ("logout".equals(alice.next().getString("type"))) {
          return;
        }
      }
      throw new AssertionError("made-up pongs kept a client that reads nothing in the room");
    }
  }

  @Test
  void halfSentFramePaysAndFloodIsAnsweredOnceASecond() throws Exception {
    try (RawWebSocket flooder = RawWebSocket.open(ChatClient.roomUri(base, "flood"), origin())) {
      flooder.sendText(Frames.login("flooder"));
      for (int i = 0; i < 35; i++) { // login and 29 lines fill the burst; 6 strikes, of 10
        flooder.sendText(Frames.line("burst " + i));
      }
      // The bucket is empty now: the first part of a frame pays, and is refused, although the
      // frame ends only once the bucket has refilled.
      flooder.sendPart(RawWebSocket.TEXT, "{\"type\":\"user\",".getBytes(UTF8), false);
      Thread.sleep(1200);
      flooder.sendPart(
          RawWebSocket.CONTINUATION, "\"content\":\"half-sent\"}".getBytes(UTF8), true);
      flooder.sendText(Frames.line("marker"));
      int limited = 0;
      while (true) {
        String text = nextText(flooder);
        assertTrue(!text.contains("half-sent"), "a frame refused on its first part went through");
        limited += text.contains("rate_limited") ? 1 : 0;
        if (text.contains("marker")) {
          break;
        }
      }
      // One write: the server closes after the first few, and on Payara a write after its close
      // meets a reset socket.
      flooder.sendTexts(
          java.util.stream.IntStream.range(0, 60)
              .mapToObj(i -> Frames.line("flood " + i))
              .toList());
      int closeCode = 0;
      while (closeCode == 0) {
        RawWebSocket.Received frame = flooder.receive();
        if (frame.opcode() == RawWebSocket.CLOSE) {
          closeCode = frame.closeCode();
        } else if (frame.opcode() == RawWebSocket.TEXT && frame.text().contains("rate_limited")) {
          limited++;
        }
      }
      assertEquals(1008, closeCode);
      assertTrue(
          limited <= 5, "answered once a second and at the close, not per frame: " + limited);
    }
  }

  @Test
  void pongFloodIsAFlood() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "pongflood", "alice");
        RawWebSocket flooder = RawWebSocket.open(ChatClient.roomUri(base, "pongflood"), origin())) {
      flooder.sendText(Frames.login("flooder"));
      alice.skipUntil("login", "flooder");
      long started = System.nanoTime();
      try {
        for (int i = 0; i < 500 && alice.nothingPending(); i++) {
          flooder.send(RawWebSocket.PONG, new byte[] {7, 7, 7});
          Thread.sleep(10); // 100 a second, 5 of them let through
        }
      } catch (java.io.IOException closedUnderUs) {
        // the server closed the flooder while it was still sending: expected
      }
      alice.skipUntil("logout", "flooder");
      assertTrue(
          System.nanoTime() - started < 4_000_000_000L,
          "a pong flood is caught as fast as any flood, before the heartbeat would");
    }
  }

  /** The next text frame; pings are answered meanwhile, as a live client does. */
  private static String nextText(RawWebSocket socket) throws Exception {
    while (true) {
      RawWebSocket.Received frame = socket.receive();
      if (frame.opcode() == RawWebSocket.PING) {
        socket.send(RawWebSocket.PONG, frame.payload());
      } else if (frame.opcode() == RawWebSocket.TEXT) {
        return frame.text();
      }
    }
  }

  @Test
  void bigFramesGetShortAnswers() throws Exception {
    try (ChatClient client = ChatClient.login(base, "echo", "dave")) {
      client.send("{\"type\":\"" + "t".repeat(50_000) + "\"}");
      assertTrue(client.expectError("unknown_type").getString("content").length() < 120);
      client.send("{\"type\":\"user\",\"from\":\"" + "d".repeat(30_000) + "\",\"content\":\"hi\"}");
      assertTrue(client.expectError("forged_from").getString("content").length() < 120);
    }
  }

  @Test
  void loginRacingItsOwnCloseLeavesNoGhost() throws Exception {
    for (int i = 0; i < 20; i++) {
      ChatClient racer =
          ChatClient.connect(base, "ghosts", Map.of("X-Forwarded-For", "198.51.100." + (i + 1)));
      racer.send(Frames.login("ghost"));
      racer.abort();
    }
    // Each racer's close comes after its login or before it; either way the name is free again.
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (true) {
      try (ChatClient again = ChatClient.connect(base, "ghosts")) {
        again.expect("handshake");
        again.send(Frames.login("ghost"));
        JsonObject answer = again.next();
        if ("login".equals(answer.getString("type"))) {
          return;
        }
        assertEquals("nickname_taken", answer.getString("code"));
        assertTrue(System.nanoTime() < deadline, "a ghost kept the nickname");
        Thread.sleep(200);
      }
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private ChatClient connect(String forwardedFor, String claimed) throws Exception {
    Map<String, String> headers =
        claimed == null
            ? Map.of("X-Forwarded-For", forwardedFor)
            : Map.of("X-Forwarded-For", forwardedFor, "Chatroom-Client-Address", claimed);
    return ChatClient.connect(base, "addresses", headers);
  }

  private String origin() {
    return ChatClient.origin(base);
  }
}
