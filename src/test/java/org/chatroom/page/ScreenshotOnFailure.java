package org.chatroom.page;

import java.io.IOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test fails, saves what every open browser shows, and prints its console. */
final class ScreenshotOnFailure implements TestWatcher {

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String test =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getRequiredTestMethod().getName();
    for (Browser browser : Browser.openBrowsers()) {
      try {
        System.out.println(
            "Failed "
                + test
                + ": "
                + browser.name
                + " saved as "
                + browser.screenshot("failed-" + test + "-" + browser.name));
        browser.drainConsole().forEach(entry -> System.out.println("  console: " + entry));
      } catch (IOException | RuntimeException e) {
        System.out.println("No screenshot of " + browser.name + ": " + e);
      }
    }
  }
}
