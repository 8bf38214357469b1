package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The page used with the keyboard alone: every step here is a key press sent to whatever has the
 * focus (Tab, Shift+Tab, Enter, Space, Escape, typing), never a click. Each control reached with
 * Tab must show that it has the focus.
 */
@ExtendWith(ScreenshotOnFailure.class)
class KeyboardIT {

  /** More Tab presses than the page has stops: a control never reached fails the test. */
  private static final int MAX_TABS = 30;

  @RegisterExtension static final TomcatServer SERVER = new TomcatServer();

  static Browser kim;

  @BeforeAll
  static void openBrowser() throws Exception {
    kim = Browser.open("kim");
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    kim.close();
  }

  @AfterEach
  void desktop() {
    kim.emulateScreen(null, false);
  }

  @Test
  void joinSendSwitchLanguageAndLeaveWithTheKeyboardAlone() throws Exception {
    kim.load("?room=keys");
    assertFocused("#nickname"); // the page starts where the first thing to do is
    replaceText("kim");
    tabTo("#room");
    assertEquals("keys", kim.find("#room").getAttribute("value"), "the room from the address");
    tabTo("#join-button");
    type(Keys.ENTER);
    kim.waitUntil("in the room", d -> kim.find("#room-screen").isDisplayed());
    kim.waitForUser("kim");
    assertFocused("#message-input"); // ready to write

    type("typed, not clicked", Keys.ENTER);
    kim.waitForLine("kim", "typed, not clicked");
    assertFocused("#message-input");

    // Back up to the language toggle in the top bar: Enter switches to Chinese, Space back.
    shiftTabTo("#lang-toggle");
    type(Keys.ENTER);
    kim.waitUntil("Chinese", d -> "zh-CN".equals(kim.attribute("html", "lang")));
    assertEquals("发送", kim.find("#send-button").getText());
    assertEquals("English", kim.find("#lang-toggle").getText());
    assertFocused("#lang-toggle");
    type(Keys.SPACE);
    kim.waitUntil("English", d -> "en".equals(kim.attribute("html", "lang")));
    assertEquals("Send", kim.find("#send-button").getText());
    assertFocused("#lang-toggle");

    tabTo("#leave-button");
    type(Keys.ENTER);
    kim.waitUntil("the join screen", d -> kim.find("#join-screen").isDisplayed());
    assertTrue(!kim.find("#room-screen").isDisplayed(), "the room screen is gone");
    assertFocused("#nickname"); // ready to join again

    kim.assertConsoleClean();
  }

  @Test
  void onAPhoneTheUserDrawerOpensWithEnterAndClosesWithEscape() throws Exception {
    kim.emulateScreen(new Dimension(360, 740), true);
    kim.load("?room=drawer");
    assertFocused("#nickname");
    replaceText("kai");
    type(Keys.ENTER); // Enter in a field sends the form
    kim.waitUntil("in the room", d -> kim.find("#room-screen").isDisplayed());
    kim.waitForUser("kai");
    assertTrue(!kim.find("#user-panel").isDisplayed(), "on a phone the user list starts closed");

    shiftTabTo("#users-toggle");
    type(Keys.ENTER);
    kim.waitUntil("the user drawer", d -> kim.find("#user-panel").isDisplayed());
    assertEquals("true", kim.find("#users-toggle").getAttribute("aria-expanded"));
    assertFocused("#user-panel"); // screen readers start reading the list
    type(Keys.ESCAPE);
    kim.waitUntil("the drawer closed", d -> !kim.find("#user-panel").isDisplayed());
    assertEquals("false", kim.find("#users-toggle").getAttribute("aria-expanded"));
    assertFocused("#users-toggle"); // back where the drawer was opened

    kim.assertConsoleClean();
  }

  /** Sends keys to whatever has the focus, as a person at a keyboard does. */
  private static void type(CharSequence... keys) {
    new Actions(kim.driver).sendKeys(keys).perform();
  }

  /** Ctrl+A and typing: the focused field holds {@code text}, whatever it held before. */
  private static void replaceText(String text) {
    new Actions(kim.driver)
        .keyDown(Keys.CONTROL)
        .sendKeys("a")
        .keyUp(Keys.CONTROL)
        .sendKeys(text)
        .perform();
  }

  /** Presses Tab until {@code selector} has the focus; see {@link #moveFocus}. */
  private static void tabTo(String selector) {
    moveFocus(selector, false);
  }

  /** Presses Shift+Tab until {@code selector} has the focus; see {@link #moveFocus}. */
  private static void shiftTabTo(String selector) {
    moveFocus(selector, true);
  }

  /**
   * Presses Tab (or Shift+Tab) until {@code selector} has the focus; every stop on the way must
   * show its focus ring.
   */
  private static void moveFocus(String selector, boolean backwards) {
    List<String> stops = new ArrayList<>();
    for (int i = 0; i < MAX_TABS; i++) {
      Actions press = new Actions(kim.driver);
      if (backwards) {
        press.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      } else {
        press.sendKeys(Keys.TAB).perform();
      }
      String stop = focused();
      stops.add(stop);
      assertTrue(focusVisible(), () -> "no visible focus on " + stop + " (stops: " + stops + ")");
      if (isFocused(selector)) {
        return;
      }
    }
    throw new AssertionError(selector + " never got the focus; the stops were " + stops);
  }

  private static void assertFocused(String selector) {
    assertTrue(isFocused(selector), () -> "the focus is on " + focused() + ", not " + selector);
  }

  private static boolean isFocused(String selector) {
    return (Boolean)
        kim.script(
            "return document.activeElement !== null"
                + " && document.activeElement.matches(arguments[0])",
            selector);
  }

  /** The focused element, as {@code tag#id.class}. */
  private static String focused() {
    return (String)
        kim.script(
            "const e = document.activeElement; if (!e) return 'nothing';"
                + " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '');");
  }

  /** Whether the focused element draws a ring (an outline) or a shadow around itself. */
  private static boolean focusVisible() {
    return (Boolean)
        kim.script(
            "const s = getComputedStyle(document.activeElement);"
                + " return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
                + " || s.boxShadow !== 'none';");
  }
}
