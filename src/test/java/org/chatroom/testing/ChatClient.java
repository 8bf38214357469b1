package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.chatroom.protocol.SystemCode;

/**
 * A real WebSocket client (the JDK's) speaking the chat protocol, for tests. Frames are read in
 * order from a queue with a timeout: tests wait on frames, never on the clock.
 */
public final class ChatClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;
  private JsonObject welcome;

  private final CompletableFuture<String> closeReason = new CompletableFuture<>();

  /** Where arriving frames go: the queue that {@link #next()} reads, unless a test gave a sink. */
  private final Consumer<JsonObject> sink;

  private ChatClient(URI uri, String origin) throws Exception {
    this(uri, origin, Map.of(), null);
  }

  private ChatClient(URI uri, String origin, Map<String, String> headers, Consumer<JsonObject> sink)
      throws Exception {
    this.sink = sink == null ? frames::add : sink;
    try {
      WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
      builder.header("Origin", origin);
      headers.forEach(builder::header);
      socket = builder.buildAsync(uri, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        throw new AssertionError(
            uri + " answered the upgrade with HTTP " + refused.getResponse().statusCode(), e);
      }
      throw e;
    }
  }

  /**
   * Connects to a room of the deployment at {@code base} (its context root URL), with the {@code
   * Origin} a browser on the room's own page would send.
   */
  public static ChatClient connect(URL base, String room) throws Exception {
    return new ChatClient(roomUri(base, room), origin(base));
  }

  /**
   * Connects with more handshake headers, such as the {@code X-Forwarded-For} a proxy adds to say
   * which client it forwards.
   */
  public static ChatClient connect(URL base, String room, Map<String, String> headers)
      throws Exception {
    return new ChatClient(roomUri(base, room), origin(base), headers, null);
  }

  /**
   * Connects with more handshake headers and hands every frame to {@code sink} as it arrives, on
   * the client's own thread, one at a time, instead of queueing it: for a test that receives more
   * frames than it could keep. {@link #next()} and its kin then find nothing.
   */
  public static ChatClient listen(
      URL base, String room, Map<String, String> headers, Consumer<JsonObject> sink)
      throws Exception {
    return new ChatClient(roomUri(base, room), origin(base), headers, sink);
  }

  /** The origin ({@code http://host:port}) of a URL. */
  public static String origin(URL base) {
    return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
  }

  public static URI roomUri(URL base, String room) {
    String http = base.toExternalForm();
    String root = http.endsWith("/") ? http : http + "/";
    return URI.create(root.replaceFirst("^http", "ws") + "chat/" + room);
  }

  /** Connects, reads the handshake and logs in, reading frames up to its own login notice. */
  public static ChatClient login(URL base, String room, String nickname) throws Exception {
    return login(base, room, nickname, Map.of());
  }

  /** Logs in from a client of its own address, as a proxy on the loopback names it. */
  public static ChatClient loginFrom(String address, URL base, String room, String nickname)
      throws Exception {
    return login(base, room, nickname, Map.of("X-Forwarded-For", address));
  }

  private static ChatClient login(
      URL base, String room, String nickname, Map<String, String> headers) throws Exception {
    ChatClient client = connect(base, room, headers);
    client.expect("handshake");
    client.send(Frames.login(nickname));
    client.welcome = client.skipUntil("login", nickname);
    return client;
  }

  /** The echo of this client's login, with the room's list, when {@link #login} made it. */
  public JsonObject welcome() {
    return welcome;
  }

  public void send(String text) throws Exception {
    socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  public void sendBinary(byte[] data) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  public void say(String text) throws Exception {
    send(Frames.line(text));
  }

  /**
   * Says {@code text} until the server keeps it, for a test whose database was just away: the first
   * use of a connection it broke may refuse the line with {@code store_unavailable}, which is the
   * only other answer allowed. The kept line.
   */
  public JsonObject sayUntilStored(String text) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      say(text);
      JsonObject answer = next();
      if ("user".equals(answer.getString("type"))) {
        return answer;
      }
      assertEquals("store_unavailable", answer.getString("code", null), answer::toString);
      Thread.sleep(500);
    }
    throw new AssertionError("the line was never stored after the database came back");
  }

  /** The next frame, failing the test if none comes in time. */
  public JsonObject next() throws InterruptedException {
    JsonObject frame = frames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(frame, "no frame arrived within " + TIMEOUT);
    return coded(frame);
  }

  /** The next frame, or nothing if none arrives within {@code wait}. */
  public Optional<JsonObject> poll(Duration wait) throws InterruptedException {
    return Optional.ofNullable(frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS))
        .map(ChatClient::coded);
  }

  /**
   * Every {@code system} frame the server sends has a {@code code} a client can translate (see
   * PROTOCOL.md): checked on each one any test reads, wherever it comes from.
   */
  private static JsonObject coded(JsonObject frame) {
    if ("system".equals(frame.getString("type", null))) {
      assertTrue(
          SystemCode.allWireNames().contains(frame.getString("code", null)),
          () -> "a system frame without a code this server may send: " + frame);
    }
    return frame;
  }

  /** Whether the connection has ended (a close frame, or a broken connection); never waits. */
  public boolean isClosed() {
    return closeCode.isDone();
  }

  /** The next frame, which must be of the given type. */
  public JsonObject expect(String type) throws InterruptedException {
    JsonObject frame = next();
    assertEquals(type, frame.getString("type"), () -> "unexpected frame " + frame);
    return frame;
  }

  /** The next {@code system} frame, which must carry the given error code. */
  public JsonObject expectError(String code) throws InterruptedException {
    JsonObject frame = expect("system");
    assertEquals(code, frame.getString("code", null), () -> "unexpected error " + frame);
    return frame;
  }

  /** Reads past frames until one of the type from the given name (see {@link #names}). */
  public JsonObject skipUntil(String type, String from) throws InterruptedException {
    while (true) {
      JsonObject frame = next();
      if (type.equals(frame.getString("type")) && names(frame).contains(from)) {
        return frame;
      }
    }
  }

  /**
   * Who a frame is from: {@code from}, or, for a login or logout telling of several people at once,
   * each of them ({@code names}).
   */
  public static java.util.List<String> names(JsonObject frame) {
    if (frame.containsKey("names")) {
      return frame.getJsonArray("names").getValuesAs(jakarta.json.JsonString::getString);
    }
    String from = frame.getString("from", null);
    return from == null ? java.util.List.of() : java.util.List.of(from);
  }

  /** Whether no frame at all is waiting right now; never waits. */
  public boolean nothingPending() {
    return frames.isEmpty();
  }

  /** The close code the server sent, waiting for it. */
  public int awaitClose() throws Exception {
    return closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The close reason the server sent, waiting for it. */
  public String awaitCloseReason() throws Exception {
    return closeReason.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Drops the TCP connection without a close handshake, as a crashed client would. */
  public void abort() {
    socket.abort();
  }

  /**
   * Closes as a browser does: sends the close frame and waits a moment for the server's answer
   * before dropping the connection. Dropping it at once races the server's answer, and on Payara
   * that race spoils other requests (see the README's known issues).
   */
  @Override
  public void close() {
    try {
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      }
      closeCode.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception alreadyGone) {
      // closed by the server, or broken: nothing more to wait for
    } finally {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try (JsonReader reader = JSON.createReader(new StringReader(partial.toString()))) {
          sink.accept(reader.readObject());
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      closeReason.complete(reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
      closeReason.completeExceptionally(error);
    }
  }
}
