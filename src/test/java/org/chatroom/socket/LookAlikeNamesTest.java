package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.chatroom.testing.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names that only look like another, or hold what cannot be seen, and the answers on the wire: a
 * look-alike nickname is taken, an invisible or blank one is invalid, {@code system} is reserved, a
 * room name mixing look-alike scripts or imitating an open room is refused. Each test uses a room
 * of its own.
 */
class LookAlikeNamesTest {

  @RegisterExtension static final EmbeddedServer server = EmbeddedServer.withDefaults();

  final URL base = server.base();

  @Test
  void aLookAlikeNicknameIsTakenAndInvisibleOrBlankOnesAreInvalid() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "lookalike", "alice");
        ChatClient other = ChatClient.connect(base, "lookalike")) {
      other.expect("handshake");
      for (String taken : List.of("\u0430lice", "ALICE", "a1ice", "\uFF41lice")) {
        other.send(Frames.login(taken));
        other.expectError("nickname_taken");
      }
      for (String invisible :
          List.of(
              "alice\uFE0F",
              "alice\u00A0",
              "al\u034Fice",
              "\u3164alice",
              "alice\u2800",
              "b\u200Bob")) {
        other.send(Frames.login(invisible));
        assertTrue(
            other.expectError("nickname_invalid").getString("content").contains("invisible"),
            invisible);
      }
      other.send(Frames.login("bob"));
      JsonObject joined = other.expect("login");
      assertEquals(List.of("alice", "bob"), Frames.users(joined));
    }
  }

  @Test
  void systemIsReservedInAnyCaseOrDisguise() throws Exception {
    try (ChatClient client = ChatClient.connect(base, "reserved")) {
      client.expect("handshake");
      for (String reserved : List.of("system", "SYSTEM", "\u0455ystem", "\uFF53ystem")) {
        client.send(Frames.login(reserved));
        assertTrue(
            client.expectError("nickname_invalid").getString("content").contains("reserved"),
            reserved);
      }
      client.send(Frames.login("sysadmin"));
      assertEquals("sysadmin", client.expect("login").getString("from"));
    }
  }

  @Test
  void anEmojiNicknameKeepsItsPresentationSelector() throws Exception {
    try (ChatClient heart = ChatClient.login(base, "emoji", "\u2764\uFE0F");
        ChatClient other = ChatClient.connect(base, "emoji")) {
      other.expect("handshake");
      other.send(Frames.login("\u2764"));
      other.expectError("nickname_taken");
      heart.say("hi");
      assertEquals("\u2764\uFE0F", heart.expect("user").getString("from"));
    }
  }

  @Test
  void aClaimedAuthorLongerThanANicknameIsForgedUnread() throws Exception {
    try (ChatClient alice = ChatClient.login(base, "longfrom", "alice")) {
      alice.send(line("alice" + " ".repeat(70), "padded"));
      alice.expectError("forged_from");
      alice.send(line("\uFDFA".repeat(5000), "expanding"));
      alice.expectError("forged_from");
      alice.send(line("\u0430lice", "the same name to the server"));
      assertEquals("alice", alice.expect("user").getString("from"));
    }
  }

  @Test
  void aRoomNameMixingLatinAndCyrillicIsRefused() throws Exception {
    try (ChatClient client = ChatClient.connect(base, encoded("l\u043Ebby"))) {
      JsonObject refusal = client.expectError("room_invalid");
      assertTrue(refusal.getString("content").contains("Cyrillic"), refusal.toString());
      assertEquals(1008, client.awaitClose());
    }
    try (ChatClient client = ChatClient.connect(base, encoded("\u0447\u0430\u0442"))) {
      assertEquals("\u0447\u0430\u0442", client.expect("handshake").getString("room"));
    }
  }

  @Test
  void aRoomNameDrawnLikeAnOpenRoomIsRefused() throws Exception {
    try (ChatClient teacher = ChatClient.login(base, "class", "teacher")) {
      for (String lookAlike : List.of("c1ass", "cIass")) {
        try (ChatClient client = ChatClient.connect(base, lookAlike)) {
          JsonObject refusal = client.expectError("room_invalid");
          assertTrue(
              refusal.getString("content").startsWith("This room name looks like #class;"),
              refusal.toString());
          assertEquals(1008, client.awaitClose());
        }
      }
      try (ChatClient pupil = ChatClient.connect(base, "CLASS")) {
        assertEquals("class", pupil.expect("handshake").getString("room"));
      }
    }
  }

  private static String line(String from, String text) {
    return "{\"type\":\"user\",\"from\":\"" + from + "\",\"content\":\"" + text + "\"}";
  }

  private static String encoded(String room) {
    return URLEncoder.encode(room, StandardCharsets.UTF_8);
  }
}
