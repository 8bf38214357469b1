package org.chatroom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.chatroom.platform.ChatSettings;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Http;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the HTTP resources tell whom: totals for anyone, per-room figures only for a user in the
 * role {@code chatroom-operator} ({@link TomcatOperatorIT} and {@link PayaraOperatorIT} log in as
 * one, each with its server's own realm), and a room list limited to the listed rooms.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperatorStatsIT {

  /** In src/test/tomcat/conf/tomcat-users.xml. */
  static final String OPERATOR = "operator";

  static final String OPERATOR_PASSWORD = "operator-secret";

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar(
        Map.of(ChatSettings.LISTED_ROOMS, "lobby, Busy-Room, quiet-room, nobody-here"));
  }

  @Test
  void anyoneGetsTotalsButNoRoomNames() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "secret-meeting", "alice");
        ChatClient bob = ChatClient.login(base, "secret-meeting", "bob")) {
      alice.skipUntil("login", "bob");
      HttpResponse<String> response = Http.get(base, "api/stats");
      assertEquals(200, response.statusCode());
      JsonObject stats = json(response.body());
      assertTrue(stats.getInt("rooms") >= 1, response.body());
      assertTrue(stats.getInt("usersOnline") >= 2, response.body());
      assertFalse(stats.containsKey("usersPerRoom"), response.body());
      assertFalse(response.body().contains("secret-meeting"), response.body());
    }
  }

  @Test
  void perRoomFiguresAskForCredentials() throws Exception {
    HttpResponse<String> anonymous = get("api/stats/rooms", null, null);
    assertEquals(401, anonymous.statusCode());
    assertTrue(
        anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
        anonymous.headers().map().toString());
  }

  @Test
  void theRoomListNamesOnlyListedRoomsWithPeopleBusiestFirst() throws Exception {
    try (ChatClient a = ChatClient.login(base, "busy-room", "a");
        ChatClient b = ChatClient.login(base, "busy-room", "b");
        ChatClient c = ChatClient.login(base, "quiet-room", "c");
        ChatClient d = ChatClient.login(base, "unlisted-room", "d");
        ChatClient e = ChatClient.login(base, "unlisted-room", "e");
        ChatClient f = ChatClient.login(base, "unlisted-room", "f")) {
      HttpResponse<String> response = Http.get(base, "api/rooms");
      assertEquals(200, response.statusCode());
      assertEquals(
          "{\"rooms\":[{\"name\":\"busy-room\",\"users\":2},{\"name\":\"quiet-room\",\"users\":1}]}",
          response.body());
    }
  }

  /** A GET with BASIC credentials, if a user is given. */
  static HttpResponse<String> get(URI base, String path, String user, String password)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (user != null) {
      String credentials = user + ":" + password;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return CLIENT.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String user, String password) throws Exception {
    return get(base.toURI(), path, user, password);
  }

  static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
