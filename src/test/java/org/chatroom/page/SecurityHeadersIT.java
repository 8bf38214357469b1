package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.logging.LogEntry;

/**
 * The page under its Content-Security-Policy in a real Chromium: it loads, connects and chats with
 * no violation; the policy really refuses what it should (an injected inline script, framing by
 * another site); and every kind of response the WAR serves carries the headers.
 */
@ExtendWith(ScreenshotOnFailure.class)
class SecurityHeadersIT {

  @RegisterExtension static final TomcatServer SERVER = new TomcatServer();

  private static final String POLICY =
      "default-src 'self'; connect-src 'self' ws://localhost:18280 wss://localhost:18280;"
          + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

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
  void thePageChatsUnderThePolicyWithoutAViolation() {
    carol.drainConsole();
    carol.enter("carol", "csp");
    carol.say("hello under a strict policy");
    carol.assertConsoleClean();
  }

  @Test
  void thePolicyRefusesAnInjectedInlineScript() {
    carol.load("?room=csp");
    carol.drainConsole();
    carol.script(
        "const s = document.createElement('script');"
            + " s.textContent = 'window.injected = true';"
            + " document.head.append(s);");
    assertEquals(null, carol.script("return window.injected === undefined ? null : true;"));
    List<String> refused = severe(carol.drainConsole());
    assertTrue(
        refused.stream().anyMatch(message -> message.contains("Content Security Policy")),
        refused.toString());
  }

  @Test
  void anotherSiteCannotFrameThePage() {
    carol.load(""); // the page itself loads: an error page in the frame below means refused
    String framing =
        "<!DOCTYPE html><title>framer</title><iframe src=\"" + TomcatServer.BASE + "\"></iframe>";
    carol.driver.get(
        "data:text/html;charset=utf-8,"
            + URLEncoder.encode(framing, StandardCharsets.UTF_8).replace("+", "%20"));
    // Chromium logs nothing for a refused frame; it shows its own error page in it instead.
    String shown =
        carol.waitUntil(
            "the frame loaded or refused",
            d -> {
              d.switchTo().frame(0);
              try {
                Object state =
                    carol.script(
                        "return document.readyState === 'complete'"
                            + " && document.URL !== 'about:blank'"
                            + " ? document.URL + ' ' + document.body.innerText : null;");
                return state == null ? null : state.toString();
              } finally {
                d.switchTo().defaultContent();
              }
            });
    assertTrue(shown.startsWith("chrome-error://"), shown);
    carol.drainConsole();
  }

  @Test
  void everyKindOfResponseCarriesTheHeaders() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String path :
        List.of("", "index.html", "js/app.js", "css/room.css", "api/health", "api/rooms")) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(TomcatServer.BASE.resolve(path)).build(),
              BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), path);
      assertEquals(
          POLICY, response.headers().firstValue("Content-Security-Policy").orElse(""), path);
      assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
      assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""), path);
    }
  }

  private static List<String> severe(List<LogEntry> entries) {
    return entries.stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }
}
