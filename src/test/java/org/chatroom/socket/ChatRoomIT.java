package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.CatchUp;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Http;
import org.chatroom.testing.RawWebSocket;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the deployed WAR shows, on whichever container the build chose (Tomcat or Payara
 * Micro): the page and the API served from it, the Origin filter before the upgrade, and the
 * container's own reading of frames (binary in parts under its small buffers, UTF-8). The protocol
 * itself is tested on an embedded Tyrus server, in {@link ChatProtocolTest}. Each test uses a room
 * of its own.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatRoomIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    // Every room this test opens is listed, as an operator who wants them offered sets it.
    return Deployments.chatroomWar(
        Map.of(
            ChatSettings.LISTED_ROOMS,
            "*",
            // The catch-up's twenty talkers pose as their own addresses behind a proxy; Payara
            // Micro serves the test on the machine's own address, so that proxy is trusted here.
            ChatSettings.TRUSTED_PROXIES,
            "0.0.0.0/0, ::/0"));
  }

  /** The deployed WAR with its embedded database: a reconnect with since misses nothing. */
  @Test
  void reconnectCatchesUpExactlyWhileOthersTalk() throws Exception {
    CatchUp.whileTwentyOthersTalk(base, "catchup");
  }

  @Test
  void roomPageAndItsScriptsAreServedFromTheWar() throws Exception {
    HttpResponse<String> page = Http.get(base, "");
    assertEquals(200, page.statusCode());
    assertTrue(Http.contentType(page).startsWith("text/html"));
    assertTrue(page.body().contains("id=\"join-form\""));
    assertTrue(page.body().contains("src=\"js/app.js\""));
    assertFalse(page.body().contains("//cdn"), "nothing is fetched from elsewhere");

    for (String[] asset : new String[][] {{"js/app.js", "javascript"}, {"css/room.css", "css"}}) {
      HttpResponse<String> response = Http.get(base, asset[0]);
      assertEquals(200, response.statusCode(), asset[0]);
      assertTrue(Http.contentType(response).contains(asset[1]), asset[0]);
    }
  }

  @Test
  void binaryFrameIsAnsweredAndClosedWith1003() throws Exception {
    try (ChatClient client = ChatClient.login(base, "binary", "bin")) {
      // Larger than Tomcat's binary receive buffer (web.xml): it arrives in parts.
      client.sendBinary(new byte[4096]);
      client.expectError("binary_unsupported");
      assertEquals(1003, client.awaitClose());
    }
  }

  @Test
  void textThatIsNotUtf8IsClosedWith1007AndOthersGoOn() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "utf8", "alice");
        RawWebSocket raw = RawWebSocket.open(ChatClient.roomUri(base, "utf8"), null)) {
      assertEquals(101, raw.status());
      // A UTF-16 surrogate encoded on its own (CESU-8): never valid UTF-8.
      raw.send(RawWebSocket.TEXT, new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'});
      assertEquals(1007, raw.readCloseCode());
      alice.say("unaffected");
      assertEquals("unaffected", alice.expect("user").getString("content"));
    }
  }

  @Test
  void foreignOriginIsRefusedWith403BeforeTheUpgrade() throws Exception {
    URI room = ChatClient.roomUri(base, "origin");
    try (RawWebSocket foreign = RawWebSocket.open(room, "http://evil.example")) {
      assertEquals(403, foreign.status());
    }
    try (RawWebSocket otherPort = RawWebSocket.open(room, "http://localhost:1")) {
      assertEquals(403, otherPort.status());
    }
    try (RawWebSocket own = RawWebSocket.open(room, ChatClient.origin(base))) {
      assertEquals(101, own.status());
    }
    try (RawWebSocket tool = RawWebSocket.open(room, null)) {
      assertEquals(101, tool.status());
    }
  }

  @Test
  void activeRoomsAreListedBusiestFirstWithoutNicknames() throws Exception {
    try (ChatClient a = ChatClient.login(base, "busy-room", "a");
        ChatClient b = ChatClient.login(base, "busy-room", "b");
        ChatClient c = ChatClient.login(base, "quiet-room", "c");
        ChatClient nobody = ChatClient.connect(base, "empty-room")) {
      nobody.expect("handshake");
      HttpResponse<String> response = Http.get(base, "api/rooms");
      assertEquals(200, response.statusCode());
      assertTrue(Http.contentType(response).contains("json"));
      String body = response.body();
      int busy = body.indexOf("{\"name\":\"busy-room\",\"users\":2}");
      int quiet = body.indexOf("{\"name\":\"quiet-room\",\"users\":1}");
      assertTrue(busy >= 0 && quiet > busy, body);
      assertFalse(body.contains("empty-room"), body);
      assertFalse(body.contains("\"a\""), "no nicknames: " + body);
    }
  }
}
