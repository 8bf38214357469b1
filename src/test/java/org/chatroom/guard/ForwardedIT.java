package org.chatroom.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.RawWebSocket;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The handshake behind a reverse proxy, in the real containers: the client address the endpoint is
 * given ({@value ClientAddressRequest#HEADER}, read by {@link HandshakeProbe} as the endpoint reads
 * it) and the origin check, with forwarded headers from a trusted peer (127.0.0.1) and from an
 * untrusted one (127.0.0.2: also this machine, but not on the list).
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ForwardedIT {

  private static final long TIMEOUT = ChatClient.TIMEOUT.toSeconds();
  private static final String UNTRUSTED_LOOPBACK = "127.0.0.2";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar(Map.of(ChatSettings.TRUSTED_PROXIES, "127.0.0.1, ::1"))
        .addClasses(HandshakeProbe.class, HandshakeProbe.Recorder.class);
  }

  @Test
  void theEndpointSeesTheForwardedClientAddressAndNothingTheClientMadeUp() throws Exception {
    assertEquals(
        "198.51.100.7",
        probe(
            "127.0.0.1",
            "X-Forwarded-For",
            "198.51.100.7",
            "Chatroom-Client-Address",
            "6.6.6.6",
            "chatroom-client-address",
            "7.7.7.7"));
    assertEquals(
        "2001:db8:0:0:0:0:0:7",
        probe("127.0.0.1", "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https"));
    assertEquals("127.0.0.1", probe("127.0.0.1", "Chatroom-Client-Address", "6.6.6.6"));
  }

  @Test
  void anUntrustedPeerIsItsOwnAddressWhateverItForwards() throws Exception {
    try (RawWebSocket untrusted =
        from(
            UNTRUSTED_LOOPBACK,
            "chat/probe/handshake",
            "X-Forwarded-For",
            "198.51.100.7",
            "Forwarded",
            "for=198.51.100.8",
            "Chatroom-Client-Address",
            "6.6.6.6")) {
      assertEquals(101, untrusted.status());
      assertEquals(UNTRUSTED_LOOPBACK, untrusted.receive().text());
    }
  }

  @Test
  void theOriginIsComparedWithTheSchemeAndHostATrustedProxyForwards() throws Exception {
    String page = "https://chat_1.example.org";
    // A TLS-terminating proxy in front: the container itself sees plain http to 127.0.0.1.
    assertEquals(403, chatStatus("127.0.0.1", page));
    assertEquals(
        101,
        chatStatus(
            "127.0.0.1",
            page,
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "chat_1.example.org",
            "X-Forwarded-For",
            "198.51.100.7"));
    assertEquals(
        101,
        chatStatus(
            "127.0.0.1",
            page + ":443",
            "Forwarded",
            "for=198.51.100.7;proto=https;host=\"chat_1.example.org:443\""));
    assertEquals(
        403,
        chatStatus(
            "127.0.0.1",
            "https://evil.example",
            "Forwarded",
            "for=198.51.100.7;proto=https;host=chat_1.example.org"));
  }

  @Test
  void anUntrustedPeerCannotForwardItsWayPastTheOriginCheck() throws Exception {
    String[] forwarded = {
      "Origin", "https://chat.example.org",
      "X-Forwarded-Proto", "https",
      "X-Forwarded-Host", "chat.example.org"
    };
    try (RawWebSocket untrusted = from(UNTRUSTED_LOOPBACK, "chat/forwarded", forwarded)) {
      assertEquals(403, untrusted.status());
    }
    try (RawWebSocket trusted = from("127.0.0.1", "chat/forwarded", forwarded)) {
      assertEquals(101, trusted.status());
    }
  }

  /** The address the probe endpoint was handed, connecting to the server at {@code address}. */
  private String probe(String address, String... headers) throws Exception {
    Listener listener = new Listener();
    WebSocket socket = open(uri(address, "chat/probe/handshake"), listener, headers).get();
    try {
      String seen = listener.messages.poll(TIMEOUT, TimeUnit.SECONDS);
      assertTrue(seen != null, "the probe answered");
      return seen;
    } finally {
      closePolitely(socket, listener);
    }
  }

  /** The status of a handshake to a chat room: 101 when upgraded. */
  private int chatStatus(String address, String origin, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "Origin";
    all[1] = origin;
    System.arraycopy(headers, 0, all, 2, headers.length);
    Listener listener = new Listener();
    CompletableFuture<WebSocket> opening = open(uri(address, "chat/forwarded"), listener, all);
    try {
      closePolitely(opening.get(TIMEOUT, TimeUnit.SECONDS), listener);
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static CompletableFuture<WebSocket> open(
      URI uri, WebSocket.Listener listener, String... headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.buildAsync(uri, listener);
  }

  /** A close frame, then the server's: dropping a socket makes some containers log trouble. */
  private static void closePolitely(WebSocket socket, Listener listener) throws Exception {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT, TimeUnit.SECONDS);
    listener.closed.get(TIMEOUT, TimeUnit.SECONDS);
  }

  private URI uri(String address, String path) {
    return URI.create("ws://" + address + ":" + base.getPort() + base.getPath()).resolve(path);
  }

  private static final class Listener implements WebSocket.Listener {

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      messages.add(data.toString());
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  /**
   * A raw handshake to {@code path} from a local address; skipped where there is no such address.
   */
  private RawWebSocket from(String local, String path, String... headers) throws IOException {
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      named.put(headers[i], headers[i + 1]);
    }
    URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + path);
    try {
      return RawWebSocket.openFrom(local, uri, named);
    } catch (BindException e) {
      return Assumptions.abort("Cannot connect from " + local + " here: " + e.getMessage());
    }
  }
}
