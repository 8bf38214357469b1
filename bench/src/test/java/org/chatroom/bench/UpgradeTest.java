package org.chatroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UpgradeTest {

  @Test
  void theAcceptIsTheRfcsExample() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Upgrade.accept("dGhlIHNhbXBsZSBub25jZQ=="));
  }

  @Test
  void aMatchingAnswerOpensAndLeavesTheFirstFrame() throws IOException {
    Upgrade upgrade = new Upgrade();
    String request = request(upgrade);
    assertTrue(
        request.startsWith("GET /chatroom/chat/lobby HTTP/1.1\r\nHost: 127.0.0.1:19100\r\n"));
    assertTrue(request.contains("\r\nOrigin: http://127.0.0.1:19100\r\n"));
    assertTrue(request.contains("\r\nSec-WebSocket-Version: 13\r\n"));
    String answer =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "sec-websocket-accept: "
            + Upgrade.accept(key(request))
            + "\r\n\r\n";
    ByteBuffer bytes = ascii(answer + "FRAME");

    assertFalse(upgrade.read(bytes.slice(0, 20)));
    bytes.position(20);
    assertTrue(upgrade.read(bytes));
    assertEquals("FRAME", StandardCharsets.US_ASCII.decode(bytes).toString());
  }

  @Test
  void aRefusalFailsWithItsStatus() {
    Upgrade upgrade = new Upgrade();

    IOException refused =
        assertThrows(
            IOException.class, () -> upgrade.read(ascii("HTTP/1.1 403 Forbidden\r\n\r\n")));
    assertTrue(refused.getMessage().contains("403"));
  }

  @Test
  void aWrongAcceptFails() {
    Upgrade upgrade = new Upgrade();
    String answer = "HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: nope\r\n\r\n";

    assertThrows(IOException.class, () -> upgrade.read(ascii(answer)));
  }

  private static String request(Upgrade upgrade) {
    return StandardCharsets.US_ASCII
        .decode(
            upgrade.request(
                URI.create("ws://127.0.0.1:19100/chatroom/chat/lobby"), "http://127.0.0.1:19100"))
        .toString();
  }

  private static String key(String request) {
    Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(request);
    assertTrue(key.find());
    return key.group(1);
  }

  private static ByteBuffer ascii(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }
}
