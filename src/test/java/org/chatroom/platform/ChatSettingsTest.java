package org.chatroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {

  @Test
  void defaultsAreSane() {
    ChatSettings settings = new ChatSettings(name -> null);
    assertEquals(50, settings.historySize());
    assertEquals(2000, settings.maxMessageLength());
    assertEquals(32, settings.nicknameMaxLength());
    assertEquals(1024, settings.outboxLimit());
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
