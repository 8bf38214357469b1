package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Deployments;
import org.chatroom.testing.Frames;
import org.chatroom.testing.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Look-alike names in the deployed WAR, on Tomcat and on Payara Micro: the rules rest on the WAR's
 * own ICU4J (its confusables data, its Unicode version), which must be the one that answers even
 * where the container has a copy of its own. The full set of cases is in {@link
 * LookAlikeNamesTest}.
 */
@ExtendWith(ServerLog.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LookAlikeNamesIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.chatroomWar();
  }

  @Test
  void lookAlikeNicknameIsTakenAndNoBreakSpaceAndSystemAreInvalid() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "lookalike-it", "alice");
        ChatClient other = ChatClient.connect(base, "lookalike-it")) {
      other.expect("handshake");
      other.send(Frames.login("\u0430lice"));
      other.expectError("nickname_taken");
      other.send(Frames.login("bob\u00A0"));
      other.expectError("nickname_invalid");
      other.send(Frames.login("SYSTEM"));
      assertTrue(other.expectError("nickname_invalid").getString("content").contains("reserved"));
      other.send(Frames.login("bob"));
      assertEquals(List.of("alice", "bob"), Frames.users(other.expect("login")));
    }
  }

  @Test
  void roomNameMixingLatinAndCyrillicIsRefused() throws Exception {
    String mixed = URLEncoder.encode("l\u043Ebby", StandardCharsets.UTF_8);
    try (ChatClient client = ChatClient.connect(base, mixed)) {
      JsonObject refusal = client.expectError("room_invalid");
      assertTrue(refusal.getString("content").contains("Cyrillic"), refusal.toString());
      assertEquals(1008, client.awaitClose());
    }
  }
}
