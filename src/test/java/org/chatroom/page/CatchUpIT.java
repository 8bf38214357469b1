package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;

/**
 * The page catches up exactly: after a server restart, a reload of the tab, or a history that is
 * gone, it shows every line of the room once and in order, and says so where lines are missing.
 *
 * <p>More lines are said while the page is away than a newcomer is replayed (the room's last 50,
 * {@code chatroom.history.size}), so a page that logged in again without {@code since} would show a
 * gap. The tests run in order: the last one wipes the server's history.
 */
@ExtendWith(ScreenshotOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatchUpIT {

  @RegisterExtension static final TomcatServer SERVER = new TomcatServer();

  /** Lines said while the page is away: more than the 50 a newcomer gets. */
  private static final int AWAY_TALKERS = 3;

  private static final int AWAY_LINES_EACH = 20; // under the rate limit's burst of 30

  private static final String GAP = "Some earlier messages are not shown";

  static Browser erin;

  @BeforeAll
  static void openBrowser() throws Exception {
    erin = Browser.open("erin");
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    erin.close();
  }

  /** Chrome reports each refused WebSocket dial as an error: expected while the server is down. */
  @AfterEach
  void consoleStaysClean() {
    erin.assertConsoleClean(Browser::isSocketFailure);
  }

  @Test
  @Order(1)
  void afterARestartThePageShowsWhatWasSaidMeanwhileOnceAndInOrder() throws Exception {
    String room = "catchup";
    erin.enter("erin", room);
    List<String> expected = new ArrayList<>();
    try (ChatClient dave = ChatClient.login(base(), room, "dave")) {
      expected.addAll(sayAll(dave, "dave", List.of("before 1")));
      erin.say("before 2");
      expected.add("erin: before 2");
      expected.addAll(sayAll(dave, "dave", List.of("before 3")));
    }
    erin.waitForLine("dave", "before 3");
    assertLines(expected);

    SERVER.stop();
    erin.waitUntil(
        "a reconnect scheduled",
        d -> List.of("reconnecting", "offline").contains(state()) && retryScheduled());
    // The page may not dial until the others have spoken: frozen, it runs no timer at all.
    setFrozen(true);
    try {
      SERVER.start();
      expected.addAll(talkWhileAway(room, "away"));
    } finally {
      setFrozen(false);
    }

    erin.waitUntil(
        "connected again", Duration.ofSeconds(60), d -> "connected".equals(state()) ? true : null);
    erin.waitUntil(
        "back in the room",
        d ->
            erin.findAll("#messages li[data-type='login'][data-from='erin']").stream()
                .anyMatch(li -> li.getText().startsWith("You are back in #" + room)));
    List<Map<String, Object>> shown = assertLines(expected);
    for (Map<String, Object> line : shown.subList(3, shown.size())) {
      assertEquals(true, line.get("history"), () -> "caught up at login, not live: " + line);
    }
    assertEquals(0, erin.findAll("#messages li.gap").size(), "nothing is missing");
    assertEquals(
        List.of("Messages while you were away"),
        labels("#messages li.divider"),
        "the caught-up lines are under one divider");

    erin.say("after the restart");
    expected.add("erin: after the restart");
    assertLines(expected);
    erin.screenshot("caught-up");
  }

  /**
   * A reload keeps the conversation: the tab remembers (sessionStorage) the first and last line it
   * showed, and its next login asks for the lines from the first on, so it shows what it showed
   * before, then what was said during the reload, exactly, though that is more than the 50 lines a
   * newcomer gets.
   */
  @Test
  @Order(2)
  void aReloadShowsTheSameConversationAndWhatWasSaidDuringIt() throws Exception {
    String room = "reload";
    erin.enter("erin", room);
    erin.say("first line");
    List<String> expected = new ArrayList<>(List.of("erin: first line"));
    expected.addAll(talkWhileAway(room, "talk"));
    erin.waitForLine("talker2", "talk talker2-" + (AWAY_LINES_EACH - 1));
    assertLines(expected);

    erin.driver.navigate().refresh();
    erin.waitUntil("the page script ran", d -> "true".equals(erin.attribute("html", "data-ready")));
    assertEquals(
        0, erin.findAll("#messages li[data-type='user']").size(), "a reloaded page starts empty");
    try (ChatClient dave = ChatClient.login(base(), room, "dave")) {
      expected.addAll(sayAll(dave, "dave", List.of("during the reload")));
    }
    assertEquals("erin", erin.attribute("#nickname", "value"), "the nickname is remembered");
    erin.find("#join-button").click();
    erin.waitUntil("joined " + room, d -> erin.find("#room-screen").isDisplayed());
    erin.waitForLine("dave", "during the reload");
    assertTrue(expected.size() > 50, "more than a newcomer's history: " + expected.size());
    assertLines(expected);
    assertEquals(0, erin.findAll("#messages li.gap").size(), "nothing is missing");
  }

  /**
   * The server lost its history (the database was reset): the page cannot get what it missed, says
   * so with a marker, in either language, and shows the new lines, whose ids start again.
   */
  @Test
  @Order(3)
  void whenTheHistoryIsGoneAMarkerSaysSomeLinesAreNotShown() throws Exception {
    String room = "reset";
    erin.enter("erin", room);
    List<String> expected = new ArrayList<>();
    try (ChatClient dave = ChatClient.login(base(), room, "dave")) {
      expected.addAll(sayAll(dave, "dave", List.of("old 1", "old 2", "old 3")));
    }
    erin.waitForLine("dave", "old 3");
    assertLines(expected);

    SERVER.stop();
    erin.waitUntil(
        "the reconnecting state", d -> List.of("reconnecting", "offline").contains(state()));
    Path data = SERVER.home().resolve("data");
    TomcatServer.deleteRecursively(data); // every room's history, as a database reset would
    SERVER.start();

    erin.waitUntil(
        "connected again", Duration.ofSeconds(60), d -> "connected".equals(state()) ? true : null);
    erin.waitUntil("the marker", d -> !erin.findAll("#messages li.gap").isEmpty());
    assertEquals(List.of(GAP), labels("#messages li.gap"), "one marker");
    try (ChatClient dave = ChatClient.login(base(), room, "dave")) {
      expected.addAll(sayAll(dave, "dave", List.of("new 1", "new 2")));
    }
    erin.waitForLine("dave", "new 2");
    List<Map<String, Object>> shown = awaitLines(expected); // the ids start again at the marker
    assertEquals(1L, shown.get(3).get("id"), "the reset history counts from 1 again");
    assertEquals(
        List.of("old 1", "old 2", "old 3", GAP, "new 1", "new 2"),
        erin.script(
            "return [...document.querySelectorAll(\"#messages li[data-type='user'], #messages"
                + " li.gap\")].map(li => (li.querySelector('.text') ?? li).textContent.trim())"),
        "the marker sits between the old lines and the new ones");
    erin.screenshot("history-gap");

    erin.find("#lang-toggle").click();
    assertEquals(List.of("部分较早的消息未显示"), labels("#messages li.gap"));
    erin.find("#lang-toggle").click();
    assertEquals(List.of(GAP), labels("#messages li.gap"));
  }

  // -------------------------------------------------------------------------------------------

  private static URL base() throws Exception {
    return TomcatServer.BASE.toURL();
  }

  /**
   * Three scripted members say {@link #AWAY_LINES_EACH} lines each, one after the other, and leave.
   *
   * @return the lines as the page shows them ({@code "from: text"}), in the room's order
   */
  private static List<String> talkWhileAway(String room, String prefix) throws Exception {
    List<String> said = new ArrayList<>();
    for (int t = 0; t < AWAY_TALKERS; t++) {
      String name = "talker" + t;
      List<String> lines = new ArrayList<>();
      for (int n = 0; n < AWAY_LINES_EACH; n++) {
        lines.add(prefix + " " + name + "-" + n);
      }
      try (ChatClient talker = ChatClient.login(base(), room, name)) {
        said.addAll(sayAll(talker, name, lines));
      }
    }
    return said;
  }

  /** Says the lines and waits for the room's echo of each, so the next speaker comes after. */
  private static List<String> sayAll(ChatClient client, String name, List<String> lines)
      throws Exception {
    for (String line : lines) {
      client.say(line);
    }
    List<String> said = new ArrayList<>();
    while (said.size() < lines.size()) {
      var frame = client.skipUntil("user", name);
      said.add(name + ": " + frame.getString("content"));
    }
    assertEquals(lines.stream().map(line -> name + ": " + line).toList(), said);
    return said;
  }

  /**
   * Waits until the page shows the expected chat lines, then checks it shows exactly those, once
   * each, in order, numbered one after the other.
   */
  private static List<Map<String, Object>> assertLines(List<String> expected) {
    List<Map<String, Object>> shown = awaitLines(expected);
    for (int i = 1; i < shown.size(); i++) {
      assertEquals(
          (Long) shown.get(i - 1).get("id") + 1, shown.get(i).get("id"), "ids rise by one");
    }
    return shown;
  }

  private static List<Map<String, Object>> awaitLines(List<String> expected) {
    try {
      erin.waitUntil("the lines " + expected, d -> texts(shownLines()).equals(expected));
    } catch (org.openqa.selenium.TimeoutException e) {
      assertEquals(expected, texts(shownLines()), "the page's chat lines");
    }
    return shownLines();
  }

  private static List<String> texts(List<Map<String, Object>> lines) {
    return lines.stream().map(line -> line.get("from") + ": " + line.get("text")).toList();
  }

  /** The chat lines the page shows (not its own still on their way), top to bottom. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> shownLines() {
    return (List<Map<String, Object>>)
        erin.script(
            "return [...document.querySelectorAll(\"#messages li[data-type='user']:not(.outgoing)\")]"
                + ".map(li => ({id: Number(li.dataset.id), from: li.dataset.from,"
                + " text: li.querySelector('.text').textContent,"
                + " history: li.dataset.history === 'true'}))");
  }

  /** The text of the elements, as written (the page shows dividers in capitals). */
  @SuppressWarnings("unchecked")
  private static List<String> labels(String selector) {
    return (List<String>)
        erin.script(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())",
            selector);
  }

  private static String state() {
    return erin.find("#status").getAttribute("data-state");
  }

  /** The page waits to dial again (the retry button shows only then). */
  private static boolean retryScheduled() {
    return erin.find("#retry-button").isDisplayed();
  }

  /**
   * Freezes the page (no timers, no tasks) as Chrome does to a tab in the background, or lets it
   * run again. Freezing hides the page; a tab opened and closed over it brings it back to view, as
   * the user coming back to it would.
   */
  private static void setFrozen(boolean frozen) {
    erin.driver.executeCdpCommand(
        "Page.setWebLifecycleState", Map.of("state", frozen ? "frozen" : "active"));
    if (!frozen) {
      String page = erin.driver.getWindowHandle();
      erin.driver.switchTo().newWindow(WindowType.TAB);
      erin.driver.close();
      erin.driver.switchTo().window(page);
      erin.waitUntil(
          "the page in view again",
          d -> "visible".equals(erin.script("return document.visibilityState")));
    }
  }
}
