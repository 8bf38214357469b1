package org.chatroom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's per-room figures on Tomcat, logged in as the test server's {@code
 * tomcat-users.xml} operator; a wrong password and a user without the role are refused. Runs in the
 * Tomcat execution only ({@link PayaraOperatorIT} does the same with Payara's file realm).
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TomcatOperatorIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar();
  }

  @Test
  void anOperatorGetsPerRoomFigures() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "secret-meeting", "alice");
        ChatClient bob = ChatClient.login(base, "secret-meeting", "bob")) {
      alice.skipUntil("login", "bob");
      HttpResponse<String> response =
          OperatorStatsIT.get(
              base.toURI(),
              "api/stats/rooms",
              OperatorStatsIT.OPERATOR,
              OperatorStatsIT.OPERATOR_PASSWORD);
      assertEquals(200, response.statusCode(), response.body());
      JsonObject stats = OperatorStatsIT.json(response.body());
      assertEquals(
          2, stats.getJsonObject("usersPerRoom").getInt("secret-meeting"), response.body());
      assertTrue(stats.getInt("usersOnline") >= 2, response.body());
      assertFalse(response.body().contains("alice"), response.body());
    }
    // Payara logs a failed login as a WARNING with the exception's name: tried on Tomcat only.
    assertEquals(
        401,
        OperatorStatsIT.get(base.toURI(), "api/stats/rooms", OperatorStatsIT.OPERATOR, "wrong")
            .statusCode());
    // A user of the server without the role (the test Tomcat's deployer) is refused.
    assertEquals(
        403,
        OperatorStatsIT.get(base.toURI(), "api/stats/rooms", "arquillian", "arquillian")
            .statusCode());
  }
}
