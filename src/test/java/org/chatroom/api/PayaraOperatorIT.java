package org.chatroom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.PayaraMicroServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's per-room figures on Payara Micro, with an operator added to its file realm the way
 * an operator does it: a post-boot {@code create-file-user} in the group {@code chatroom-operator},
 * its password from a password file ({@code AS_ADMIN_USERPASSWORD=...}), because Payara refuses
 * passwords on a command line, boot scripts included. Payara maps the group to the role of the same
 * name by default. Runs in the Payara execution only.
 */
class PayaraOperatorIT {

  private static final String OPERATOR = OperatorStatsIT.OPERATOR;
  private static final String PASSWORD = OperatorStatsIT.OPERATOR_PASSWORD;

  @RegisterExtension
  static final PayaraMicroServer SERVER =
      new PayaraMicroServer()
          .withOperator(OPERATOR, PASSWORD)
          // What Payara rightly says about the wrong password this test tries.
          .expecting("WEB9102: Web Login Failed.*Failed file login for " + OPERATOR);

  @Test
  void anOperatorInTheFileRealmGetsPerRoomFiguresAndOthersDoNot() throws Exception {
    try (ChatClient alice = ChatClient.login(SERVER.base().toURL(), "ops-room", "alice")) {
      HttpResponse<String> response =
          OperatorStatsIT.get(SERVER.base(), "api/stats/rooms", OPERATOR, PASSWORD);
      assertEquals(200, response.statusCode(), response.body());
      JsonObject stats = OperatorStatsIT.json(response.body());
      assertEquals(1, stats.getJsonObject("usersPerRoom").getInt("ops-room"), response.body());

      assertEquals(
          401,
          OperatorStatsIT.get(SERVER.base(), "api/stats/rooms", OPERATOR, "wrong").statusCode());
      HttpResponse<String> open = OperatorStatsIT.get(SERVER.base(), "api/stats", null, null);
      assertEquals(200, open.statusCode());
      assertFalse(open.body().contains("ops-room"), open.body());
    }
  }
}
