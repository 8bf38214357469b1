package org.chatroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageDecoderTest {

  private final MessageDecoder decoder = new MessageDecoder();

  @Test
  void readsASeedClientLogin() throws Exception {
    ChatMessage login = decoder.decode("{\"type\":\"login\",\"content\":\"alice\"}");
    assertEquals("login", login.getType());
    assertEquals("alice", login.getContent());
    assertNull(login.getFrom());
  }

  @Test
  void ignoresUnknownFields() throws Exception {
    ChatMessage line =
        decoder.decode(
            "{\"type\":\"user\",\"content\":\"hi\",\"colour\":\"red\",\"x\":{\"y\":[1]}}");
    assertEquals("hi", line.getContent());
  }

  @Test
  void readsTheTypingSwitchOfALogin() throws Exception {
    assertEquals(
        Boolean.TRUE,
        decoder.decode("{\"type\":\"login\",\"content\":\"a\",\"typing\":true}").getTyping());
    assertNull(decoder.decode("{\"type\":\"login\",\"content\":\"a\"}").getTyping());
    assertEquals(
        ErrorCode.MALFORMED_FRAME,
        assertThrows(
                InvalidFrameException.class,
                () -> decoder.decode("{\"type\":\"login\",\"typing\":\"yes\"}"))
            .code());
    assertEquals("typing", decoder.decode("{\"type\":\"typing\"}").getType());
  }

  @Test
  void readsTheLineIdToCatchUpFrom() throws Exception {
    assertEquals(
        41L, decoder.decode("{\"type\":\"login\",\"content\":\"a\",\"since\":41}").getSince());
    assertEquals(null, decoder.decode("{\"type\":\"login\",\"content\":\"a\"}").getSince());
    for (String since : List.of("-1", "1.5", "1e3", "\"7\"", "true", "12345678901234567890")) {
      InvalidFrameException e =
          assertThrows(
              InvalidFrameException.class,
              () ->
                  decoder.decode("{\"type\":\"login\",\"content\":\"a\",\"since\":" + since + "}"));
      assertEquals(ErrorCode.MALFORMED_FRAME, e.code(), since);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1,2]",
        "\"text\"",
        "42",
        "null",
        "{\"type\":",
        "",
        "   ",
        "{\"type\":\"user\"} trailing",
        "{\"type\":42}",
        "{\"type\":\"user\",\"content\":123}",
        "{\"type\":\"user\",\"content\":[\"a\"]}",
        "{\"type\":\"user\",\"from\":{\"name\":\"x\"}}",
        "{\"type\":\"user\",\"n\":[[[[[[[[[[1]]]]]]]]]]}",
        "{\"type\":\"user\",\"n\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":1}}}}}}}}}"
      })
  void refusesWhatIsNotAJsonObjectAsMalformed(String frame) {
    InvalidFrameException e =
        assertThrows(InvalidFrameException.class, () -> decoder.decode(frame));
    assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    assertEquals(frame, e.rawFrame());
  }

  @Test
  void refusesNumberLiteralsTooLongToBeReal() {
    String frame = "{\"type\":\"user\",\"content\":\"x\",\"n\":" + "9".repeat(100) + "}";
    InvalidFrameException e =
        assertThrows(InvalidFrameException.class, () -> decoder.decode(frame));
    assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
  }

  @Test
  void skipsIgnoredValuesWithinTheBounds() throws Exception {
    ChatMessage line =
        decoder.decode(
            "{\"type\":\"user\",\"n\":1e999999999,\"a\":[[[[[[1]]]]]],\"content\":\"hi\"}");
    assertEquals("hi", line.getContent());
  }

  @Test
  void readsEscapedTextAsIs() throws Exception {
    ChatMessage line = decoder.decode("{\"type\":\"user\",\"content\":\"a\\u0000\\ud800 \\n<b>\"}");
    assertEquals("a\u0000\ud800 \n<b>", line.getContent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"content\":\"x\"}", "{\"type\":\"dance\"}", "{\"type\":\"LOGIN\"}"})
  void refusesMissingOrUnknownTypes(String frame) {
    InvalidFrameException e =
        assertThrows(InvalidFrameException.class, () -> decoder.decode(frame));
    assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
  }
}
