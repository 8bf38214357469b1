package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

/**
 * axe-core, the WCAG 2.1 A and AA rules, on every screen of the page, in the light and the dark
 * colour scheme: the join screen, a room with one line, a busy room, the offline help, the page in
 * Chinese and on a 360 px wide phone. Any violation fails the test, listed with its rule, impact,
 * elements and help.
 *
 * <p>axe comes inside its Selenium binding (com.deque.html.axe-core:selenium, pinned in pom.xml),
 * which injects it through WebDriver: the page's Content-Security-Policy does not apply there. Each
 * scan checks that axe really ran (its version, and rules that passed), so a scan that silently
 * checked nothing cannot pass.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AccessibilityIT {

  /** The version of axe-core inside the binding: a new one may bring new rules. */
  static final String AXE_VERSION = "4.11.1";

  static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  /** A 360x740 phone. */
  static final Dimension PHONE = new Dimension(360, 740);

  // The join screen offers the active rooms: their chips are checked too.
  @RegisterExtension
  static final TomcatServer SERVER =
      new TomcatServer().withOptions(() -> List.of("-Dchatroom.rooms.listed=*"));

  static Browser ada;
  static final List<ChatClient> bots = new ArrayList<>();

  /** What the scans of the running test found; each test fails at its end if any. */
  private final List<String> violations = new ArrayList<>();

  @BeforeAll
  static void openBrowser() throws Exception {
    ada = Browser.open("ada");
  }

  @AfterAll
  static void closeAll() throws Exception {
    try {
      closeBots();
    } finally {
      ada.close();
    }
  }

  /** Each test starts in English, on a desktop, in the light scheme, with nobody else around. */
  @AfterEach
  void reset() {
    closeBots();
    ada.emulateScreen(null, false);
    ada.emulateColorScheme("light");
    ada.script("localStorage.clear()");
  }

  private static void closeBots() {
    for (ChatClient bot : bots) {
      bot.close();
    }
    bots.clear();
  }

  private static ChatClient bot(String room, String nickname) throws Exception {
    ChatClient bot = ChatClient.login(TomcatServer.BASE.toURL(), room, nickname);
    bots.add(bot);
    return bot;
  }

  @Test
  void theJoinScreen() throws Exception {
    bot("lobby", "dave");
    bot("design", "grace");
    ada.load("?room=lobby");
    ada.waitUntil("the active rooms", d -> ada.findAll("#rooms li[data-room]").size() == 2);
    scan("join");

    // Both fields refused: the inline errors.
    ada.find("#nickname").clear();
    ada.type("#room", "no spaces");
    ada.find("#room").sendKeys(Keys.ENTER);
    ada.waitUntil(
        "the inline errors",
        d -> ada.find("#nickname-error").isDisplayed() && ada.find("#room-error").isDisplayed());
    scan("join-errors");
    assertNoViolations();
  }

  @Test
  void aRoomWithOneLine() throws Exception {
    ada.enter("ada", "one-line");
    ada.say("Hello, room");
    scan("room-one-line");
    assertNoViolations();
  }

  @Test
  void aBusyRoom() throws Exception {
    fillBusyRoom("busy");
    scan("room-busy");

    // Scrolled up, a new line brings the "new messages" pill.
    ada.script("document.getElementById('messages').scrollTop = 0");
    bots.get(0).say("Anyone seen the build log?");
    ada.waitUntil("the unread pill", d -> ada.find("#new-messages").isDisplayed());
    scan("room-busy-unread");
    assertNoViolations();
  }

  @Test
  void theOfflineHelp() throws Exception {
    ada.enter("ada", "offline");
    ada.say("before the server went away");
    SERVER.stop();
    try {
      ada.waitUntil(
          "the offline help",
          Duration.ofSeconds(45),
          d -> ada.find("#offline-help").isDisplayed() ? true : null);
      // A line typed meanwhile waits for the server.
      ada.find("#message-input").sendKeys("typed while the server was away", Keys.ENTER);
      ada.waitUntil(
          "the line queued",
          d -> !ada.findAll("#messages li.outgoing[data-state='queued']").isEmpty());
      scan("offline");
    } finally {
      SERVER.start();
    }
    // Back (at once: the page's own retry, not the backoff's next turn), the queued line goes out:
    // nothing left that would make leaving the page ask first.
    ada.script("document.getElementById('help-retry-button').click()");
    ada.waitUntil(
        "the queued line sent",
        Duration.ofSeconds(60),
        d -> ada.findAll("#messages li.outgoing").isEmpty() ? true : null);
    assertNoViolations();
  }

  @Test
  void theChineseUi() throws Exception {
    ada.load("");
    ada.script("localStorage.setItem('chatroom.language', 'zh-CN')");
    ada.load("?room=chinese");
    assertEquals("zh-CN", ada.attribute("html", "lang"));
    scan("join-zh");

    fillBusyRoom("chinese");
    assertEquals("发送", ada.find("#send-button").getText());
    scan("room-busy-zh");
    assertNoViolations();
  }

  @Test
  void aPhone360PxWide() throws Exception {
    ada.emulateScreen(PHONE, true);
    ada.load("?room=phone");
    assertEquals(360L, ada.script("return window.innerWidth"));
    scan("join-phone");

    fillBusyRoom("phone");
    ada.waitUntil("the phone layout", d -> !ada.find("#user-panel").isDisplayed());
    assertFalse(
        (Boolean)
            ada.script(
                "return document.documentElement.scrollWidth"
                    + " > document.documentElement.clientWidth"),
        "nothing sticks out sideways at 360 px");
    scan("room-busy-phone");

    ada.find("#users-toggle").sendKeys(Keys.ENTER);
    ada.waitUntil("the user drawer", d -> ada.find("#user-panel").isDisplayed());
    scan("room-busy-phone-users");
    assertNoViolations();
  }

  /**
   * Ada in a room with four others: history from before she came (the "earlier" divider), lines
   * grouped by author, a link, her own lines (one of them on two lines), join notices, a warning
   * notice, a line that is too long counted, and someone typing.
   */
  private static void fillBusyRoom(String room) throws Exception {
    ChatClient dave = bot(room, "dave");
    ChatClient erin = bot(room, "erin");
    ChatClient frank = bot(room, "frank");
    dave.say("Morning all! The new build is up on staging.");
    erin.say("Nice, I'll give it a spin after standup.");
    erin.say("Release notes: https://example.org/chatroom/releases/1.0");

    ada.load("?room=" + room);
    ada.join("ada", room);
    ada.waitForLine("erin", "Release notes: https://example.org/chatroom/releases/1.0");
    for (int i = 1; i <= 12; i++) {
      (i % 2 == 0 ? dave : frank).say("Status update number " + i + ", all green.");
    }
    ada.waitForLine("dave", "Status update number 12, all green.");
    ada.say("Thanks! Trying it on Payara now.");
    ada.find("#message-input")
        .sendKeys("Tomcat next,", Keys.chord(Keys.SHIFT, Keys.ENTER), "then we ship.", Keys.ENTER);
    ada.waitForLine("ada", "Tomcat next,\nthen we ship.");
    bot(room, "grace");
    ada.waitForUser("grace");

    // A line over the limit is refused on the page: a warning notice, the counter in red.
    ada.script(
        "const box = document.getElementById('message-input');"
            + " box.value = 'x'.repeat(2001);"
            + " box.dispatchEvent(new Event('input', { bubbles: true }));");
    ada.find("#message-input").sendKeys(Keys.ENTER);
    ada.waitUntil(
        "the too-long warning", d -> !ada.findAll("#messages li.notice.warning").isEmpty());
    assertTrue(ada.find("#char-count").isDisplayed(), "the counter shows");

    erin.send(Frames.typing());
    ada.waitUntil("erin typing", d -> ada.find("#typing").isDisplayed());
  }

  /**
   * Scans the page as it is now with axe, in the light scheme and then the dark one, and keeps what
   * it finds for {@link #assertNoViolations}: one test reports every screen it reached.
   */
  private void scan(String screen) throws Exception {
    for (String scheme : List.of("light", "dark")) {
      ada.emulateColorScheme(scheme);
      ada.screenshot("a11y-" + screen + "-" + scheme);
      Results results =
          new AxeBuilder().setLegacyMode(true).withTags(WCAG_21_AA).analyze(ada.driver);
      // The binding leaves its own page-load timeout behind: back to the harness's.
      ada.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      String where = screen + " (" + scheme + ")";
      assertFalse(results.isErrored(), () -> where + ": axe failed: " + results.getErrorMessage());
      assertEquals(AXE_VERSION, results.getTestEngine().getVersion(), where + ": axe's version");
      assertTrue(
          results.getPasses().size() >= 10,
          () -> where + ": axe passed only " + results.getPasses().size() + " rules: did it run?");
      for (Rule rule : results.getViolations()) {
        violations.add(describe(where, rule));
      }
      // Contrast that axe cannot compute (text partly scrolled out of the list): logged only.
      for (Rule rule : results.getIncomplete()) {
        System.out.println(
            "axe could not decide: "
                + where
                + ": "
                + rule.getId()
                + " on "
                + rule.getNodes().size()
                + " elements: "
                + rule.getNodes().stream()
                    .map(node -> String.valueOf(node.getFailureSummary()).replace('\n', ' '))
                    .distinct()
                    .toList());
      }
    }
    ada.emulateColorScheme("light");
  }

  private void assertNoViolations() {
    assertEquals(List.of(), violations, "accessibility violations (WCAG 2.1 A/AA, axe-core)");
  }

  private static String describe(String where, Rule rule) {
    StringBuilder text = new StringBuilder();
    text.append(where)
        .append(": ")
        .append(rule.getId())
        .append(" (")
        .append(rule.getImpact())
        .append(", ")
        .append(rule.getNodes().size())
        .append(rule.getNodes().size() == 1 ? " element" : " elements")
        .append("): ")
        .append(rule.getHelp())
        .append(" ")
        .append(rule.getHelpUrl());
    for (CheckedNode node : rule.getNodes()) {
      text.append("\n    ").append(node.getTarget());
      if (node.getFailureSummary() != null) {
        text.append(": ").append(node.getFailureSummary().replace('\n', ' '));
      }
    }
    return text.toString();
  }
}
