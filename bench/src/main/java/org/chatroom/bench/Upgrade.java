package org.chatroom.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection's HTTP/1.1 opening handshake (RFC 6455 §4): the {@code GET} that asks for the
 * upgrade, and the reading of the server's answer, which must be a 101 whose {@code
 * Sec-WebSocket-Accept} matches the key sent. Anything else fails the connection with the status
 * line, as a server refusing the {@code Origin} (403) would.
 */
final class Upgrade {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** Longer answers are not a WebSocket server's. */
  private static final int MAX_RESPONSE = 8192;

  private final String key;
  private final byte[] response = new byte[MAX_RESPONSE];
  private int responseLength;

  Upgrade() {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    this.key = Base64.getEncoder().encodeToString(nonce);
  }

  /** The request for {@code uri} ({@code ws://host:port/path}) from the page at {@code origin}. */
  ByteBuffer request(URI uri, String origin) {
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\n"
            + "Host: "
            + uri.getHost()
            + ':'
            + uri.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\nOrigin: "
            + origin
            + "\r\n\r\n";
    return ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Takes the answer's bytes as they come, up to the blank line that ends its headers; the bytes
   * after it, the first frames, stay in {@code bytes}.
   *
   * @return true once the answer is whole and accepts the upgrade
   * @throws IOException if the server refused, or answered something else
   */
  boolean read(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      if (responseLength == MAX_RESPONSE) {
        throw new IOException("the handshake's answer is longer than " + MAX_RESPONSE + " bytes");
      }
      response[responseLength++] = bytes.get();
      if (responseLength >= 4
          && response[responseLength - 1] == '\n'
          && response[responseLength - 2] == '\r'
          && response[responseLength - 3] == '\n'
          && response[responseLength - 4] == '\r') {
        check(new String(response, 0, responseLength, StandardCharsets.ISO_8859_1));
        return true;
      }
    }
    return false;
  }

  private void check(String answer) throws IOException {
    String[] lines = answer.split("\r\n");
    if (!lines[0].startsWith("HTTP/1.1 101")) {
      throw new IOException("the server refused the upgrade: " + lines[0]);
    }
    String accept = null;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon)
              .trim()
              .toLowerCase(Locale.ROOT)
              .equals("sec-websocket-accept")) {
        accept = line.substring(colon + 1).trim();
      }
    }
    if (!accept(key).equals(accept)) {
      throw new IOException("wrong Sec-WebSocket-Accept: " + accept);
    }
  }

  /** The answer a server owes a key: base64 of SHA-1 of the key and the RFC's GUID. */
  static String accept(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1", e);
    }
  }
}
