package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonString;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The room page in two real browsers (alice and bob, two ChromeDriver sessions) against the built
 * WAR on a real Tomcat. Each test uses a room of its own; both pages are loaded afresh per test.
 */
@ExtendWith(ScreenshotOnFailure.class)
class RoomPageIT {

  // The join screen offers every active room, as an operator who wants them listed sets it. A
  // crowd of a hundred comes from this machine's one address, and is told of in windows long
  // enough that three arrivals in a row always share one.
  @RegisterExtension
  static final TomcatServer SERVER =
      new TomcatServer()
          .withOptions(
              () ->
                  List.of(
                      "-Dchatroom.rooms.listed=*",
                      "-Dchatroom.connections.per-address=200",
                      "-Dchatroom.presence.window-ms=3000"));

  static Browser alice;
  static Browser bob;

  @BeforeAll
  static void openBrowsers() throws Exception {
    alice = Browser.open("alice");
    bob = Browser.open("bob");
  }

  @AfterAll
  static void closeBrowsers() throws Exception {
    try (Browser a = alice;
        Browser b = bob) {
      // closed in order
    }
  }

  /** No script errors, failed requests or other SEVERE console entries in any normal flow. */
  @AfterEach
  void consolesStayClean() {
    alice.assertConsoleClean();
    bob.assertConsoleClean();
  }

  @Test
  void twoPeopleSeeEachOtherAndChatBothWays() throws Exception {
    alice.enter("alice", "duo");
    assertEquals("en", alice.attribute("html", "lang"));

    // Bob arrives without a room in the address: the join screen offers the active room.
    bob.load("");
    WebElement offered =
        bob.waitUntil(
            "duo among the active rooms",
            d ->
                bob.findAll("#rooms li[data-room='duo'] button").stream().findFirst().orElse(null));
    assertTrue(bob.find("#rooms").isDisplayed());
    assertTrue(offered.getText().contains("1 online"), offered.getText());
    offered.click();
    assertEquals("duo", bob.attribute("#room", "value"));
    bob.type("#nickname", "bob");
    bob.find("#join-button").click();
    bob.waitUntil("the room screen", d -> bob.find("#room-screen").isDisplayed());

    for (Browser browser : List.of(alice, bob)) {
      browser.waitForUser("alice");
      browser.waitForUser("bob");
      browser.waitUntil("two online", d -> browser.find("#user-count").getText().equals("2"));
      assertEquals("connected", browser.find("#status").getAttribute("data-state"));
    }
    alice.waitUntil(
        "bob's join notice",
        d -> !alice.findAll("#messages li[data-type='login'][data-from='bob']").isEmpty());

    alice.say("hello bob");
    alice.say("are you there?");
    WebElement first = bob.waitForLine("alice", "hello bob");
    WebElement second = bob.waitForLine("alice", "are you there?");
    assertFalse(hasClass(first, "own"), "alice's line is not bob's own");
    assertFalse(hasClass(first, "grouped"), "the first line of a group has the header");
    assertTrue(hasClass(second, "grouped"), "a second line moments later shares the header");
    assertEquals(
        "alice", first.findElement(org.openqa.selenium.By.cssSelector(".author")).getText());
    assertTrue(hasClass(alice.waitForLine("alice", "hello bob"), "own"));

    // Shift+Enter makes a new line, Enter sends.
    bob.find("#message-input")
        .sendKeys("hi alice", Keys.chord(Keys.SHIFT, Keys.ENTER), "yes, here", Keys.ENTER);
    WebElement reply = alice.waitForLine("bob", "hi alice\nyes, here");
    assertFalse(hasClass(reply, "own"));
    assertTrue(hasClass(bob.waitForLine("bob", "hi alice\nyes, here"), "own"));
    assertEquals("", bob.attribute("#message-input", "value"), "the box is empty after sending");

    alice.screenshot("two-people-alice");
    bob.screenshot("two-people-bob");

    // Bob goes to another page: he leaves the room then, not when his browser drops the page.
    bob.load("");
    alice.waitUntil(
        "bob's leave notice",
        d -> !alice.findAll("#messages li[data-type='logout'][data-from='bob']").isEmpty());
    alice.waitUntil("one online", d -> alice.find("#user-count").getText().equals("1"));
  }

  @Test
  void markupInALineIsShownAsTextAndOnlyWebLinksBecomeLinks() throws Exception {
    alice.enter("alice", "markup");
    bob.enter("bob", "markup");

    String markup = "<img src=x onerror=alert(1)>";
    alice.say(markup);
    bob.waitForLine("alice", markup);
    for (Browser browser : List.of(alice, bob)) {
      assertEquals(0L, browser.script("return document.querySelectorAll('#messages img').length"));
      assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    alice.say("docs at https://example.org/a?b=1, not javascript:alert(2) or <a href=x>this</a>");
    WebElement line =
        bob.waitForLine(
            "alice",
            "docs at https://example.org/a?b=1, not javascript:alert(2) or <a href=x>this</a>");
    List<WebElement> links = line.findElements(org.openqa.selenium.By.cssSelector("a"));
    assertEquals(1, links.size(), "only the http(s) address is a link");
    WebElement link = links.get(0);
    assertEquals("https://example.org/a?b=1", link.getAttribute("href"));
    assertEquals(
        "https://example.org/a?b=1", link.getText(), "the comma after it is no part of it");
    assertEquals("_blank", link.getAttribute("target"));
    assertEquals("noopener noreferrer", link.getAttribute("rel"));
    assertThrows(NoAlertPresentException.class, () -> bob.driver.switchTo().alert());

    bob.screenshot("markup-as-text");
  }

  @Test
  void aTakenNicknameIsRefusedInlineAndAnotherOneJoins() throws Exception {
    alice.enter("alice", "names");
    bob.load("?room=names");
    bob.type("#nickname", "Alice"); // the same name to the server: case is ignored
    bob.find("#join-button").click();

    WebElement error =
        bob.waitUntil("the inline nickname error", d -> displayed(bob.find("#nickname-error")));
    assertTrue(error.getText().contains("taken"), error.getText());
    assertEquals("true", bob.find("#nickname").getAttribute("aria-invalid"));
    assertTrue(bob.find("#join-screen").isDisplayed(), "still on the join screen");
    assertEquals("Join", bob.find("#join-button").getText());
    bob.screenshot("nickname-taken");

    bob.type("#nickname", "bob");
    assertFalse(bob.find("#nickname-error").isDisplayed(), "typing clears the error");
    bob.find("#join-button").click();
    bob.waitForUser("bob");
    alice.waitForUser("bob");
  }

  @Test
  void theTypingIndicatorShowsWhoIsTypingAndGoesAway() throws Exception {
    alice.enter("alice", "typing");
    bob.enter("bob", "typing");
    assertFalse(bob.find("#typing").isDisplayed());

    alice.find("#message-input").sendKeys("I am wri");
    WebElement typing = bob.waitUntil("alice typing", d -> displayed(bob.find("#typing")));
    assertEquals("alice is typing…", typing.getText());
    bob.screenshot("typing");
    assertFalse(alice.find("#typing").isDisplayed(), "nobody is told about their own typing");

    // Her line arrives: the indicator goes at once, without waiting for its timeout.
    long sent = System.nanoTime();
    alice.find("#message-input").sendKeys("ting", Keys.ENTER);
    bob.waitForLine("alice", "I am writing");
    bob.waitUntil("the indicator gone", d -> !bob.find("#typing").isDisplayed());
    assertTrue(
        Duration.ofNanos(System.nanoTime() - sent).compareTo(Duration.ofSeconds(4)) < 0,
        "the line hid the indicator, not its 5 s timeout");

    // Typing again (right after a line: no throttle wait), then stopping: gone 5 s later.
    alice.find("#message-input").sendKeys("and th");
    bob.waitUntil("alice typing again", d -> displayed(bob.find("#typing")));
    bob.waitUntil(
        "the indicator gone after its timeout",
        Duration.ofSeconds(12),
        d -> !bob.find("#typing").isDisplayed());
    assertEquals("", bob.find("#typing").getText());
  }

  /**
   * The page keeps its list from the deltas after its own echo: while others come and go it shows
   * the list the server gives the latest newcomer, in the same order, "(you)" still on alice.
   */
  @Test
  void theOnlineListFollowsWhoComesAndGoes() throws Exception {
    alice.enter("alice", "comings");
    try (ChatClient carol = ChatClient.login(TomcatServer.BASE.toURL(), "comings", "carol");
        ChatClient dave = ChatClient.login(TomcatServer.BASE.toURL(), "comings", "dave")) {
      showsTheRoomOf(dave);
      dave.close();
      carol.skipUntil("logout", "dave"); // gone from the room before the next one asks for its list
      try (ChatClient erin = ChatClient.login(TomcatServer.BASE.toURL(), "comings", "erin")) {
        showsTheRoomOf(erin);
      }
    }
  }

  /**
   * In a room of more than a hundred, arrivals close together come in one frame (protocol 3): the
   * page lists each of them and says so in one line.
   */
  @Test
  void aCrowdArrivingTogetherIsListedAndAnnouncedInOneLine() throws Exception {
    URL base = TomcatServer.BASE.toURL();
    List<ChatClient> crowd = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        crowd.add(ChatClient.login(base, "crowd", "c" + i));
      }
      alice.enter("alice", "crowd");
      for (String name : List.of("x1", "x2", "x3")) {
        crowd.add(ChatClient.login(base, "crowd", name));
      }
      showsTheRoomOf(crowd.get(crowd.size() - 1));
      List<String> told =
          texts(alice, "#messages .presence:not(.own) .text").stream()
              .filter(text -> text.contains("x"))
              .toList();
      assertTrue(
          told.stream().anyMatch(text -> text.matches("x\\d and (x\\d|2 others) joined")),
          "arrivals told together: " + told);
    } finally {
      for (ChatClient client : crowd) {
        client.close();
      }
    }
  }

  /** Alice's list equals the room's as {@code newcomer}'s login echo gave it. */
  private static void showsTheRoomOf(ChatClient newcomer) {
    List<String> room = newcomer.welcome().getJsonArray("users").getValuesAs(JsonString::getString);
    alice.waitUntil("the room's list, " + room, d -> online(alice).equals(room));
    assertEquals(String.valueOf(room.size()), alice.find("#user-count").getText());
    assertEquals(List.of("alice"), names(alice, "#users .user.me"));
    assertEquals(1, alice.findAll("#users .you").size());
  }

  private static List<String> online(Browser browser) {
    return names(browser, "#users [data-testid=user]");
  }

  private static List<String> texts(Browser browser, String selector) {
    return each(browser, selector, "e => e.textContent");
  }

  private static List<String> names(Browser browser, String selector) {
    return each(browser, selector, "e => e.dataset.nickname");
  }

  /** What {@code read} gives of each element, read in one script: the list may change meanwhile. */
  private static List<String> each(Browser browser, String selector, String read) {
    Object values =
        browser.script(
            "return [...document.querySelectorAll(arguments[0])].map(" + read + ");", selector);
    return ((List<?>) values).stream().map(String::valueOf).toList();
  }

  @Test
  void newLinesWhileScrolledUpShowAPillInsteadOfScrolling() throws Exception {
    bob.enter("bob", "scroll");
    try (ChatClient carol = ChatClient.login(TomcatServer.BASE.toURL(), "scroll", "carol")) {
      for (int i = 1; i <= 24; i++) {
        carol.say("line " + i + " of a long story that keeps going");
      }
      bob.waitForLine("carol", "line 24 of a long story that keeps going");
      assertTrue(atBottom(bob), "new lines keep a reader at the bottom in view");

      bob.script("document.getElementById('messages').scrollTop = 0");
      carol.say("one more");
      bob.waitForLine("carol", "one more");
      WebElement pill = bob.waitUntil("the pill", d -> displayed(bob.find("#new-messages")));
      assertTrue(pill.getText().startsWith("1 new message"), pill.getText());
      assertEquals(
          0L,
          ((Number) bob.script("return document.getElementById('messages').scrollTop")).longValue(),
          "a reader who scrolled up is left where they are");
      bob.screenshot("new-messages-pill");

      pill.click();
      bob.waitUntil("scrolled to the newest", d -> atBottom(bob));
      assertFalse(bob.find("#new-messages").isDisplayed());
      assertEquals("message-input", bob.script("return document.activeElement.id"));
    }
  }

  @Test
  void theLengthCounterAppearsNearTheLimitAndALineOverItIsNotSent() throws Exception {
    alice.enter("alice", "long");
    setMessage(alice, "x".repeat(1700));
    assertFalse(alice.find("#char-count").isDisplayed(), "no counter far from the limit");

    setMessage(alice, "x".repeat(1850));
    WebElement count = alice.find("#char-count");
    assertTrue(count.isDisplayed());
    assertEquals("1850 / 2000", count.getText());

    setMessage(alice, "x".repeat(1990) + "😀".repeat(15)); // an emoji counts as one character
    assertTrue(count.getText().startsWith("2005 / 2000"), count.getText());
    assertTrue(hasClass(count, "over"));
    alice.screenshot("length-counter");

    alice.find("#message-input").sendKeys(Keys.ENTER);
    alice.waitUntil(
        "the too-long notice",
        d -> !alice.findAll("#messages li[data-code='message_too_long']").isEmpty());
    assertEquals(
        0, alice.findAll("#messages li[data-type='user']").size(), "nothing went out or waits");
    assertEquals(
        2005L, alice.script("return [...document.getElementById('message-input').value].length"));
  }

  @Test
  void theTabTitleCountsLinesThatArriveWhileItIsHidden() throws Exception {
    alice.enter("alice", "unread");
    bob.enter("bob", "unread");
    String chatTab = bob.driver.getWindowHandle();
    bob.driver.switchTo().newWindow(WindowType.TAB);
    try {
      alice.say("are you still there?");
      alice.say("hello?");
      bob.waitUntil(
          "the hidden tab's title counts two",
          d -> tabTitles(bob).contains("(2) #unread · chatroom"));
    } finally {
      bob.driver.close();
      bob.driver.switchTo().window(chatTab);
    }
    bob.waitUntil(
        "the count is cleared on return", d -> bob.driver.getTitle().equals("#unread · chatroom"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> tabTitles(Browser browser) {
    Map<String, Object> targets = browser.driver.executeCdpCommand("Target.getTargets", Map.of());
    return ((List<Map<String, Object>>) targets.get("targetInfos"))
        .stream()
            .filter(target -> "page".equals(target.get("type")))
            .map(target -> String.valueOf(target.get("title")))
            .collect(Collectors.toList());
  }

  private static void setMessage(Browser browser, String text) {
    browser.script(
        "const box = document.getElementById('message-input'); box.value = arguments[0];"
            + " box.dispatchEvent(new Event('input', { bubbles: true }));",
        text);
  }

  private static boolean atBottom(Browser browser) {
    return (Boolean)
        browser.script(
            "const m = document.getElementById('messages');"
                + " return m.scrollHeight - m.scrollTop - m.clientHeight < 2;");
  }

  private static boolean hasClass(WebElement element, String name) {
    return List.of(element.getAttribute("class").split("\\s+")).contains(name);
  }

  private static WebElement displayed(WebElement element) {
    return element.isDisplayed() ? element : null;
  }
}
