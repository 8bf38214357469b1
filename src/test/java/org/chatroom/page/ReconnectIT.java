package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The server goes away under an open room page and comes back: the page says so, explains the
 * likely causes, keeps what is typed meanwhile, and gets back into the room by itself.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ReconnectIT {

  @RegisterExtension static final TomcatServer SERVER = new TomcatServer();

  static Browser carol;

  @BeforeAll
  static void openBrowser() throws Exception {
    carol = Browser.open("carol");
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    carol.close();
  }

  @Test
  void afterAServerRestartThePageIsBackInTheRoomByItself() throws Exception {
    carol.enter("carol", "restart");
    carol.say("before the restart");
    assertEquals("connected", state());
    carol.assertConsoleClean();

    SERVER.stop();
    carol.waitUntil(
        "the reconnecting state", d -> List.of("reconnecting", "offline").contains(state()));
    WebElement help =
        carol.waitUntil(
            "the offline help",
            Duration.ofSeconds(30),
            d -> carol.find("#offline-help").isDisplayed() ? carol.find("#offline-help") : null);
    assertEquals("offline", state(), "unreachable for a while: offline, with the likely causes");
    assertTrue(help.getText().contains("firewall"), help.getText());
    assertTrue(
        carol.find("#offline-url").getText().startsWith("ws://localhost:" + TomcatServer.PORT));
    assertTrue(
        carol
            .waitUntil(
                "the retry countdown",
                d ->
                    carol.attribute("#status-countdown", "textContent").matches(" in \\d+ s")
                        ? true
                        : null)
            .booleanValue());
    // A line typed while the server is away waits for it.
    carol.find("#message-input").sendKeys("typed while the server was away", Keys.ENTER);
    carol.waitUntil(
        "the line queued",
        d -> !carol.findAll("#messages li.outgoing[data-state='queued']").isEmpty());
    carol.screenshot("offline", true);

    SERVER.start();
    carol.waitUntil(
        "connected again", Duration.ofSeconds(60), d -> "connected".equals(state()) ? true : null);
    carol.waitUntil(
        "back in the room",
        d ->
            carol.findAll("#messages li[data-type='login'][data-from='carol']").stream()
                .anyMatch(li -> li.getText().startsWith("You are back in #restart")));
    carol.waitForUser("carol");
    assertEquals("1", carol.find("#user-count").getText());
    assertTrue(!carol.find("#offline-help").isDisplayed(), "the help is gone once connected");
    carol.waitForLine("carol", "typed while the server was away");
    assertEquals(0, carol.findAll("#messages li.outgoing").size(), "nothing left unsent");
    carol.say("after the restart");
    carol.screenshot("reconnected");

    // Chrome reports each refused WebSocket dial as an error: expected while the server was down.
    carol.assertConsoleClean(Browser::isSocketFailure);
  }

  private static String state() {
    return carol.find("#status").getAttribute("data-state");
  }
}
