package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

/**
 * A server configured with limits other than the defaults: the page learns them from the handshake,
 * so it counts toward the server's line length, keeps back a line the server would refuse, and
 * tells a nickname too long before asking.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ServerLimitsIT {

  private static final int LINE_LENGTH = 120;
  private static final int NICKNAME_LENGTH = 8;

  @RegisterExtension
  static final TomcatServer SERVER =
      new TomcatServer()
          .withOptions(
              () ->
                  List.of(
                      "-Dchatroom.message.max-length=" + LINE_LENGTH,
                      "-Dchatroom.nickname.max-length=" + NICKNAME_LENGTH));

  @Test
  void thePageKeepsToTheLimitsTheServerAnnounces() throws Exception {
    try (Browser amy = Browser.open("amy")) {
      amy.load("?room=limits");
      amy.waitUntil(
          "the server's nickname limit",
          d ->
              ("Up to " + NICKNAME_LENGTH + " characters.")
                  .equals(amy.find("#nickname-hint").getText()));
      amy.type("#nickname", "amyamyamy");
      amy.find("#join-button").click();
      // The page's own words (the server's differ): it knew the limit before asking.
      assertEquals(
          "Keep the nickname to " + NICKNAME_LENGTH + " characters or fewer.",
          amy.find("#nickname-error").getText());
      assertFalse(amy.find("#room-screen").isDisplayed());

      amy.join("amy", "limits");
      String longest = "a".repeat(LINE_LENGTH);
      amy.say(longest);
      assertEquals(longest, amy.lineText(amy.waitForLine("amy", longest)));

      amy.find("#message-input").sendKeys(longest + "b");
      assertEquals("121 / 120 · 1 characters too many", amy.find("#char-count").getText());
      amy.find("#message-input").sendKeys(Keys.ENTER);
      amy.waitUntil(
          "the page's refusal",
          d -> !amy.findAll("#messages li.notice[data-code='message_too_long']").isEmpty());
      assertEquals(longest + "b", amy.find("#message-input").getAttribute("value"));
      assertTrue(amy.findAll("#messages li.outgoing").isEmpty(), "nothing was sent");
      amy.assertConsoleClean();
    }
  }
}
