package org.chatroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageDecoderTest {

  private final MessageDecoder decoder = new MessageDecoder();

  @BeforeEach
  void init() {
    decoder.init(null);
  }

  @AfterEach
  void destroy() {
    decoder.destroy();
  }

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
  void acceptsEveryTextFrameSoThatBadOnesGetAnAnswer() {
    assertTrue(decoder.willDecode("not json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1,2]", "\"text\"", "42", "null", "{\"type\":", ""})
  void refusesWhatIsNotAJsonObjectAsMalformed(String frame) {
    InvalidFrameException e =
        assertThrows(InvalidFrameException.class, () -> decoder.decode(frame));
    assertEquals(ErrorCode.MALFORMED_FRAME, e.code());
    assertEquals(frame, e.getText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"content\":\"x\"}", "{\"type\":\"dance\"}", "{\"type\":\"LOGIN\"}"})
  void refusesMissingOrUnknownTypes(String frame) {
    InvalidFrameException e =
        assertThrows(InvalidFrameException.class, () -> decoder.decode(frame));
    assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
  }
}
