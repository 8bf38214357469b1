package org.chatroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatMessageEncoderTest {

  private final ChatMessageEncoder encoder = new ChatMessageEncoder();

  @AfterEach
  void close() {
    encoder.close();
  }

  @Test
  void writesTheSeedFieldsFirstAndLeavesAbsentOnesOut() {
    String json = encoder.encode(ChatMessage.line("lobby", "alice", "hi", 1000L, 7L, false));
    assertEquals(
        "{\"type\":\"user\",\"from\":\"alice\",\"content\":\"hi\",\"room\":\"lobby\","
            + "\"time\":1000,\"id\":7}",
        json);
  }

  @Test
  void marksHistoryReplays() {
    ChatMessage line = ChatMessage.line("lobby", "alice", "hi", 1000L, 7L, true);
    assertEquals(
        "{\"type\":\"user\",\"from\":\"alice\",\"content\":\"hi\",\"room\":\"lobby\","
            + "\"time\":1000,\"id\":7,\"history\":true}",
        encoder.encode(line));
  }

  @Test
  void writesErrorsWithTheirCode() {
    assertEquals(
        "{\"type\":\"system\",\"from\":\"system\",\"content\":\"Log in first.\","
            + "\"code\":\"not_logged_in\"}",
        encoder.encode(ChatMessage.error(ErrorCode.NOT_LOGGED_IN, "Log in first.")));
  }

  @Test
  void writesTheHandshakeWithTheLimitsInTheirOrderAfterTheVersion() {
    Limits limits = new Limits(4000, 12, 32, 16384, 3, 7, 0);
    assertEquals(
        "{\"type\":\"handshake\",\"from\":\"system\",\"content\":\"hi\",\"room\":\"lobby\","
            + "\"version\":3,\"limits\":{\"lineLength\":4000,\"nicknameLength\":12,"
            + "\"roomLength\":32,\"frameSize\":16384,\"ratePerSecond\":3,\"rateBurst\":7,"
            + "\"typingIntervalMs\":0}}",
        encoder.encode(ChatMessage.handshake("lobby", "hi", limits)));
  }

  @Test
  void writesNoticesWithTheirCodeAndAKickWithTheReasonApart() {
    assertEquals(
        "{\"type\":\"system\",\"from\":\"system\",\"content\":\"Bye.\","
            + "\"code\":\"server_shutdown\"}",
        encoder.encode(ChatMessage.notice(NoticeCode.SERVER_SHUTDOWN, "Bye.")));
    assertEquals(
        "{\"type\":\"system\",\"from\":\"system\",\"content\":\"Out: spam\","
            + "\"code\":\"kicked\",\"reason\":\"spam\"}",
        encoder.encode(ChatMessage.kicked("Out: spam", "spam")));
    assertEquals(
        "{\"type\":\"system\",\"from\":\"system\",\"content\":\"Out.\",\"code\":\"kicked\"}",
        encoder.encode(ChatMessage.kicked("Out.", null)));
  }

  @Test
  void writesPresenceWithTheUserList() {
    String json =
        encoder.encode(
            ChatMessage.presence(
                MessageType.LOGIN, "lobby", "bob", "bob joined", List.of("alice", "bob"), 5L));
    assertEquals(
        "{\"type\":\"login\",\"from\":\"bob\",\"content\":\"bob joined\",\"room\":\"lobby\","
            + "\"users\":[\"alice\",\"bob\"],\"time\":5}",
        json);
  }

  @Test
  void escapesWhatCouldBreakTheJson() {
    String json =
        encoder.encode(ChatMessage.line("r", "a", "\"quoted\" <b>\n\u0000", 1L, 1L, false));
    assertEquals(
        "{\"type\":\"user\",\"from\":\"a\",\"content\":\"\\\"quoted\\\" <b>\\n\\u0000\","
            + "\"room\":\"r\",\"time\":1,\"id\":1}",
        json);
  }
}
