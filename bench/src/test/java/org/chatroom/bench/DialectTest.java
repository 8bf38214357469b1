package org.chatroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialectTest {

  private static final String LINE =
      "{\"type\":\"user\",\"from\":\"b7\",\"content\":\"123 4 7 the quick brown fox\","
          + "\"room\":\"raw1\",\"time\":1732808400000,\"id\":1}";

  /** What a dialect told its connection, one entry per call. */
  private static class Recorder implements Dialect.Connection {
    final List<String> calls = new ArrayList<>();

    @Override
    public void sessionOpened() {
      calls.add("opened");
    }

    @Override
    public void reply(String text) {
      calls.add("reply " + text);
    }

    @Override
    public void message(byte[] head, int from, int end) {
      calls.add("message " + new String(head, from, end - from, StandardCharsets.UTF_8));
    }

    @Override
    public void ended(String why) {
      calls.add("ended");
    }
  }

  private static List<String> read(Dialect dialect, String... texts) {
    Recorder connection = new Recorder();
    for (String text : texts) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      // As FrameReader hands it over: the head at the start of a longer buffer.
      byte[] head = new byte[FrameReader.HEAD];
      System.arraycopy(bytes, 0, head, 0, Math.min(bytes.length, head.length));
      dialect.read(head, Math.min(bytes.length, head.length), connection);
    }
    return connection.calls;
  }

  @Test
  void chatFramesAreTheObjectsThemselves() {
    Dialect chat = Dialect.named("chat");
    Recorder upgraded = new Recorder();
    chat.upgraded(upgraded);

    assertEquals("/chatroom/chat/raw1", chat.path("raw1"));
    assertEquals("{\"type\":\"login\",\"content\":\"b7\"}", chat.frame("login", "b7"));
    assertEquals(List.of("opened"), upgraded.calls);
    assertEquals(List.of("message " + LINE), read(chat, LINE));
  }

  @Test
  void socketIoDialsTheEngineIoWebSocketTransport() {
    Dialect socketIo = Dialect.named("socketio");

    assertEquals("/socket.io/?EIO=4&transport=websocket&room=raw1", socketIo.path("raw1"));
  }

  @Test
  void socketIoSendsEvents() {
    Dialect socketIo = Dialect.named("socketio");

    assertEquals("42[\"login\",{\"content\":\"b7\"}]", socketIo.frame("login", "b7"));
    assertEquals(
        "42[\"user\",{\"content\":\"1 2 3 the quick\"}]",
        socketIo.frame("user", new LineContent(1, 2, 3).content().substring(0, 15)));
  }

  @Test
  void socketIoOpensWithTheNamespaceNotTheUpgrade() {
    Dialect socketIo = Dialect.named("socketio");
    Recorder upgraded = new Recorder();
    socketIo.upgraded(upgraded);

    assertEquals(List.of(), upgraded.calls);
    assertEquals(
        List.of("reply 40", "opened"),
        read(
            socketIo,
            "0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}",
            "40{\"sid\":\"def\"}"));
  }

  @Test
  void socketIoAnswersPingsAndIgnoresTheRest() {
    assertEquals(List.of("reply 3"), read(Dialect.named("socketio"), "2", "3", "6", "", "43[]"));
  }

  @Test
  void socketIoHandsOverTheEventsObject() {
    String handshake = "{\"type\":\"handshake\",\"from\":\"system\",\"version\":2}";
    String system = "{\"type\":\"system\",\"from\":\"system\",\"code\":\"nickname_taken\"}";

    assertEquals(
        List.of("message " + LINE + "]", "message " + handshake + "]", "message " + system + "]"),
        read(
            Dialect.named("socketio"),
            "42[\"user\"," + LINE + "]",
            "42[\"handshake\"," + handshake + "]",
            "42[\"system\"," + system + "]"));
  }

  @Test
  void aSocketIoLineReadsAsTheChatOne() {
    assertEquals(Arrays.asList(new LineContent(123, 4, 7)), linesOf("42[\"user\"," + LINE + "]"));
  }

  @Test
  void aLongHistoryLineStillShowsItsFlagInTheHead() {
    String history =
        "42[\"user\",{\"type\":\"user\",\"from\":\"b99999\",\"content\":\""
            + new LineContent(Long.MAX_VALUE / 10, 999_999, 999_999).content()
            + "\",\"room\":\"abcdefghijklmnopqrstuvwxyz012345\",\"time\":1732808400000,"
            + "\"id\":999999,\"history\":true}]";

    assertEquals(Arrays.asList((LineContent) null), linesOf(history));
  }

  /** The lines the socketio dialect and the byte parser find in a text, as the head holds it. */
  private static List<LineContent> linesOf(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<LineContent> lines = new ArrayList<>();
    Dialect.named("socketio")
        .read(
            bytes,
            Math.min(bytes.length, FrameReader.HEAD),
            new Recorder() {
              @Override
              public void message(byte[] head, int from, int end) {
                lines.add(LineContent.parse(head, from, end));
              }
            });
    return lines;
  }

  @Test
  void socketIoEndsOnDisconnectErrorOrClose() {
    assertEquals(
        List.of("ended", "ended", "ended"),
        read(Dialect.named("socketio"), "41", "44{\"message\":\"not allowed\"}", "1"));
  }

  @Test
  void theJdkClientRefusesSocketIo() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dialer.named("jdk", Dialect.named("socketio")).close());

    assertEquals(
        "--client jdk speaks the chat protocol only, not Socket.IO: use --client wire",
        refused.getMessage());
  }
}
