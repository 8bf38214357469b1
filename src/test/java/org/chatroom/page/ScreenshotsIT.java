package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

/**
 * A busy room, as people see it on a desktop and on a phone: the pictures in docs/screenshots. They
 * are always saved under target/screenshots; with {@code -Dchatroom.screenshots=docs/screenshots}
 * also there (join.png, room-desktop.png, room-phone.png; ReconnectIT makes offline.png).
 */
@ExtendWith(ScreenshotOnFailure.class)
class ScreenshotsIT {

  // The join screen offers every active room, as an operator who wants them listed sets it.
  @RegisterExtension
  static final TomcatServer SERVER =
      new TomcatServer().withOptions(() -> List.of("-Dchatroom.rooms.listed=*"));

  static Browser alice;
  static final List<ChatClient> bots = new ArrayList<>();

  @BeforeAll
  static void openBrowser() throws Exception {
    alice = Browser.open("alice");
  }

  @AfterAll
  static void closeAll() throws Exception {
    try {
      for (ChatClient bot : bots) {
        bot.close();
      }
    } finally {
      alice.close();
    }
  }

  /** A scripted member of a room: fills it with people and lines for the browser to show. */
  private static ChatClient bot(String room, String nickname) throws Exception {
    ChatClient bot = ChatClient.login(TomcatServer.BASE.toURL(), room, nickname);
    bots.add(bot);
    return bot;
  }

  @Test
  void aBusyRoomOnADesktopAndOnAPhone() throws Exception {
    ChatClient dave = bot("lobby", "dave");
    ChatClient erin = bot("lobby", "erin");
    ChatClient frank = bot("lobby", "frank");
    bot("design", "grace");
    bot("design", "heidi");
    bot("ops", "ivan");
    dave.say("Morning all! The new build is up on staging.");
    erin.say("Nice — I'll give it a spin after standup.");
    erin.say("Release notes: https://example.org/chatroom/releases/1.0");

    alice.load("?room=lobby");
    alice.waitUntil("three active rooms", d -> alice.findAll("#rooms li[data-room]").size() == 3);
    assertEquals(
        List.of("lobby", "design", "ops"),
        alice.findAll("#rooms li[data-room]").stream()
            .map(li -> li.getAttribute("data-room"))
            .toList(),
        "most people first");
    alice.type("#nickname", "alice");
    alice.screenshot("join", true);

    alice.find("#join-button").click();
    alice.waitForUser("alice");
    alice.waitForLine("erin", "Release notes: https://example.org/chatroom/releases/1.0");
    assertTrue(
        alice.find("#messages li.divider").getText().equalsIgnoreCase("Earlier messages"),
        "replayed lines are marked as earlier");

    frank.say("Welcome back, alice 👋");
    alice.waitForLine("frank", "Welcome back, alice 👋");
    alice.say("Thanks! Trying it on Payara now.");
    alice
        .find("#message-input")
        .sendKeys("Tomcat next,", Keys.chord(Keys.SHIFT, Keys.ENTER), "then we ship.", Keys.ENTER);
    alice.waitForLine("alice", "Tomcat next,\nthen we ship.");
    dave.say("Sounds like a plan 🚀");
    alice.waitForLine("dave", "Sounds like a plan 🚀");
    erin.send(Frames.typing());
    alice.waitUntil("erin typing", d -> alice.find("#typing").isDisplayed());
    alice.find("#message-input").sendKeys("Payara looks good");
    alice.screenshot("room-desktop", true);

    alice.emulateScreen(new Dimension(360, 740), true);
    alice.waitUntil("the phone layout", d -> !alice.find("#user-panel").isDisplayed());
    assertEquals(360L, alice.script("return window.innerWidth"));
    assertFalse(
        (Boolean)
            alice.script(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"),
        "nothing sticks out sideways at 360 px");
    erin.send(Frames.typing());
    alice.waitUntil("erin typing", d -> alice.find("#typing").isDisplayed());
    alice.screenshot("room-phone", true);

    alice.find("#users-toggle").click();
    alice.waitUntil("the user drawer", d -> alice.find("#user-panel").isDisplayed());
    alice.screenshot("room-phone-users");
    alice.find("#users-toggle").click();

    alice.emulateScreen(null, false);
    alice.emulateColorScheme("dark");
    alice.screenshot("room-desktop-dark");
    alice.emulateColorScheme("light");

    alice.assertConsoleClean();
  }
}
