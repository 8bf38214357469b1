package org.chatroom.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket client written on a bare socket, for what a polite client never does: send a foreign
 * Origin, send bytes that are not UTF-8, stop reading, or never answer a ping.
 */
public final class RawWebSocket implements AutoCloseable {

  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int CONTINUATION = 0x0;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final int status;

  private RawWebSocket(URI uri, String origin, int receiveBuffer) throws IOException {
    this(uri, origin, receiveBuffer, Map.of(), null);
  }

  private RawWebSocket(
      URI uri, String origin, int receiveBuffer, Map<String, String> headers, String localAddress)
      throws IOException {
    socket = new Socket();
    if (localAddress != null) {
      try {
        socket.bind(new InetSocketAddress(localAddress, 0));
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
    socket.setSoTimeout((int) ChatClient.TIMEOUT.toMillis());
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    StringBuilder request =
        new StringBuilder()
            .append("GET ")
            .append(uri.getRawPath())
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(uri.getHost())
            .append(':')
            .append(uri.getPort())
            .append("\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ")
            .append(Base64.getEncoder().encodeToString(key))
            .append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
    if (origin != null) {
      request.append("Origin: ").append(origin).append("\r\n");
    }
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String statusLine = readLine(in);
    status = Integer.parseInt(statusLine.split(" ")[1]);
    while (!readLine(in).isEmpty()) {
      // headers: not needed
    }
  }

  /**
   * Opens the handshake from a chosen local address, which the JDK's WebSocket client cannot bind:
   * from 127.0.0.2 the server sees a peer that is this machine but not a trusted proxy. The headers
   * carry the {@code Origin}, if any.
   *
   * @throws java.net.BindException if this machine has no such address
   */
  public static RawWebSocket openFrom(String localAddress, URI uri, Map<String, String> headers)
      throws IOException {
    return new RawWebSocket(uri, null, 0, headers, localAddress);
  }

  /** Opens the handshake; {@link #status()} tells whether the server upgraded (101). */
  public static RawWebSocket open(URI uri, String origin) throws IOException {
    return new RawWebSocket(uri, origin, 0);
  }

  /** Opens with a tiny socket receive buffer, for a client that will stop reading. */
  public static RawWebSocket openSmall(URI uri, String origin) throws IOException {
    return new RawWebSocket(uri, origin, 4096);
  }

  /** Opens the handshake with more headers, such as the {@code X-Forwarded-For} of a proxy. */
  public static RawWebSocket open(URI uri, String origin, Map<String, String> headers)
      throws IOException {
    return new RawWebSocket(uri, origin, 0, headers, null);
  }

  /** Opens with more headers and a tiny socket receive buffer, for a client that stops reading. */
  public static RawWebSocket openSmall(URI uri, String origin, Map<String, String> headers)
      throws IOException {
    return new RawWebSocket(uri, origin, 4096, headers, null);
  }

  public int status() {
    return status;
  }

  public void sendText(String text) throws IOException {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one whole, masked frame, as every client must. */
  public void send(int opcode, byte[] payload) throws IOException {
    sendPart(opcode, payload, true);
  }

  /**
   * Sends one masked frame of a message in parts: the first with the message's opcode, the others
   * with {@link #CONTINUATION}, the last one with {@code last} set.
   */
  public synchronized void sendPart(int opcode, byte[] payload, boolean last) throws IOException {
    out.write(frame(last ? 0x80 | opcode : opcode, payload));
    out.flush();
  }

  /**
   * Sends whole text frames in one write, so that a server closing the connection after the first
   * few cannot break the write of the others: they are all in the socket's buffer by then.
   */
  public synchronized void sendTexts(List<String> texts) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String text : texts) {
      all.write(frame(0x80 | TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }
    out.write(all.toByteArray());
    out.flush();
  }

  private static byte[] frame(int firstByte, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(firstByte);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask, 0, 4);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  /** A message from the server: a whole data message, or one control frame. */
  public record Received(int opcode, byte[] payload) {

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame. */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  /**
   * Reads the next message, joining a data message sent in parts; control frames come as they
   * arrive, even between the parts of a message.
   */
  public Received receive() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageOpcode = -1;
    while (true) {
      int first = in.readUnsignedByte();
      byte[] payload = readPayload();
      int opcode = first & 0x0F;
      if (opcode >= CLOSE) {
        return new Received(opcode, payload);
      }
      if (opcode != CONTINUATION) {
        messageOpcode = opcode;
      }
      message.write(payload);
      if ((first & 0x80) != 0) {
        return new Received(messageOpcode, message.toByteArray());
      }
    }
  }

  /** The rest of a server frame after its first byte: the length, then the unmasked payload. */
  private byte[] readPayload() throws IOException {
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return payload;
  }

  /** How long a read waits before it fails with a timeout. */
  public void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** Reads frames until the server's close frame and returns its status code. */
  public int readCloseCode() throws IOException {
    while (true) {
      int first = in.readUnsignedByte();
      byte[] payload = readPayload();
      if ((first & 0x0F) == CLOSE) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
      }
    }
  }

  /**
   * Ends the connection as a polite client does after an upgrade: a close frame, then waiting for
   * the server's. Dropping the socket in the middle of the upgrade makes some containers log a
   * stack trace (Tyrus on Payara), which is their business, not this test's.
   */
  @Override
  public void close() throws IOException {
    try {
      if (status == 101 && !socket.isClosed()) {
        socket.setSoTimeout(2000);
        send(CLOSE, new byte[] {0x03, (byte) 0xE8});
        readCloseCode();
      }
    } catch (IOException alreadyGone) {
      // the server closed first, or stopped answering: nothing left to be polite to
    } finally {
      socket.close();
    }
  }

  /** Drops the connection without a close handshake, as a crashed client would. */
  public void abort() {
    try {
      socket.close();
    } catch (IOException alreadyClosed) {
      // nothing left to drop
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
