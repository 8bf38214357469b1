package org.chatroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {

  @Test
  void defaultsAreSane() {
    ChatSettings settings = new ChatSettings(name -> null);
    assertEquals(50, settings.historySize());
    assertEquals(2000, settings.maxMessageLength());
    assertEquals(32, settings.nicknameMaxLength());
    assertEquals(8192, settings.outboxLimit());
    assertEquals(10_000, settings.maxConnections());
    assertEquals(65_536, settings.maxFrameSize());
    assertEquals(5, settings.ratePerSecond());
    assertEquals(30, settings.rateBurst());
    assertEquals(10, settings.rateMaxStrikes());
    assertEquals(10_000, settings.sendTimeoutMillis());
    assertEquals(90_000, settings.idleTimeoutMillis());
    assertEquals(List.of(), settings.allowedOrigins());
    assertTrue(settings.allowMissingOrigin());
  }

  @Test
  void listsAndSwitchesAreParsed() {
    ChatSettings settings =
        new ChatSettings(
            Map.of(
                    ChatSettings.ALLOWED_ORIGINS,
                    " https://a.example , ,http://b.example:8080",
                    ChatSettings.ALLOW_MISSING_ORIGIN,
                    "FALSE")
                ::get);
    assertEquals(List.of("https://a.example", "http://b.example:8080"), settings.allowedOrigins());
    assertFalse(settings.allowMissingOrigin());
    IllegalArgumentException notABoolean =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ChatSettings(Map.of(ChatSettings.ALLOW_MISSING_ORIGIN, "yes")::get));
    assertTrue(notABoolean.getMessage().contains(ChatSettings.ALLOW_MISSING_ORIGIN));
  }

  @Test
  void valuesAreReadAndTrimmed() {
    ChatSettings settings = new ChatSettings(Map.of(ChatSettings.HISTORY_SIZE, " 10 ")::get);
    assertEquals(10, settings.historySize());
  }

  @Test
  void badValuesNameTheSetting() {
    IllegalArgumentException notANumber =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ChatSettings(Map.of(ChatSettings.HISTORY_SIZE, "fifty")::get));
    assertTrue(notANumber.getMessage().contains(ChatSettings.HISTORY_SIZE));

    IllegalArgumentException outOfRange =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ChatSettings(Map.of(ChatSettings.MAX_MESSAGE_LENGTH, "0")::get));
    assertTrue(outOfRange.getMessage().contains(ChatSettings.MAX_MESSAGE_LENGTH));
  }
}
