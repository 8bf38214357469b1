package org.chatroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's {@code kick} with reasons longer than a close frame carries: the {@code kicked}
 * notice has the whole reason, in its sentence and alone, the close a phrase of at most 123 bytes
 * of valid UTF-8, and nothing throws. The server's log must show no stack trace ({@link
 * EmbeddedServer} fails the class on one).
 */
class KickTest {

  @RegisterExtension static final EmbeddedServer server = EmbeddedServer.withDefaults();

  private static final String NOTICE = "You were removed from the room by an administrator: ";

  final URL base = server.base();

  @Test
  void sixtyChineseCharactersReachTheNoticeWholeAndTheCloseCut() throws Exception {
    String reason = "请不要在聊天室里发送广告链接".repeat(5).substring(0, 60);
    String phrase = kick("kick-cjk", reason);
    assertEquals(reason.substring(0, 40) + "…", phrase, "40 characters and the ellipsis fit");
  }

  @Test
  void anEmojiAtTheCutIsKeptWholeOrLeftOut() throws Exception {
    // 115 + 8 bytes of thumbs up with a skin tone overrun the 120 left beside the ellipsis.
    String reason = "a".repeat(115) + "\uD83D\uDC4D\uD83C\uDFFD" + " and more words after it";
    String phrase = kick("kick-emoji", reason);
    assertEquals("a".repeat(115) + "…", phrase);
  }

  @Test
  void aReasonThatFitsIsTheWholePhrase() throws Exception {
    String reason = "广告".repeat(20) + "!"; // 121 bytes
    assertEquals(reason, kick("kick-fits", reason));
  }

  @Test
  void aPhraseIsCutBetweenGraphemeClustersNeverInsideOne() {
    String flags = "\uD83C\uDDEB\uD83C\uDDF7".repeat(40); // French flags, 8 bytes each
    assertEquals("\uD83C\uDDEB\uD83C\uDDF7".repeat(15) + "…", ClosePhrase.of(flags));
    String accents = "e\u0301".repeat(60); // e and a combining acute accent, 3 bytes
    assertEquals("e\u0301".repeat(40) + "…", ClosePhrase.of(accents));
    String family = "x".repeat(103) + "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 and more";
    assertEquals("x".repeat(103) + "…", ClosePhrase.of(family), "a ZWJ family is one cluster");
  }

  @Test
  void aLoneSurrogateOrAnEmptyReasonDoesNotThrow() {
    String lone = "\uD83D".repeat(200);
    assertTrue(ClosePhrase.of(lone).getBytes(StandardCharsets.UTF_8).length <= 123);
    assertEquals("", ClosePhrase.of(""));
  }

  /** Kicks bob with the reason; checks what bob and the room see; returns the close phrase. */
  private String kick(String room, String reason) throws Exception {
    RoomsMXBean operator = server.bean(Administration.class);
    try (ChatClient alice = ChatClient.login(base, room, "alice");
        ChatClient bob = ChatClient.login(base, room, "bob")) {
      alice.skipUntil("login", "bob");

      assertTrue(operator.kick(room, "bob", reason));

      JsonObject notice = bob.expect("system");
      assertEquals("kicked", notice.getString("code"));
      assertEquals(NOTICE + reason, notice.getString("content"));
      assertEquals(reason, notice.getString("reason"), "whole, however long the close phrase");
      assertEquals(1008, bob.awaitClose());
      String phrase = bob.awaitCloseReason();
      byte[] utf8 = phrase.getBytes(StandardCharsets.UTF_8);
      assertTrue(utf8.length <= 123, () -> utf8.length + " bytes: " + phrase);
      assertEquals(
          phrase,
          new String(utf8, StandardCharsets.UTF_8),
          "valid UTF-8, with no half of a surrogate pair");
      alice.skipUntil("logout", "bob");
      return phrase;
    }
  }
}
