package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.chatroom.testing.TomcatServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium driven by ChromeDriver, both Debian's ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}): the paths are always given, so Selenium Manager never runs and nothing
 * is downloaded. Each browser has a fresh profile, its own console log, and saves screenshots.
 */
final class Browser implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(15);

  private static final String CHROMIUM =
      System.getProperty("chatroom.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER =
      System.getProperty("chatroom.chromedriver", "/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Browsers open right now, for screenshots of a failed test. */
  private static final Set<Browser> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

  final String name;
  final ChromeDriver driver;
  private final Path profile;
  private final List<LogEntry> console = new ArrayList<>();

  private Browser(String name, ChromeDriver driver, Path profile) {
    this.name = name;
    this.driver = driver;
    this.profile = profile;
  }

  /** An English desktop browser, 1280x800. */
  static Browser open(String name) throws IOException {
    return open(name, null, new Dimension(1280, 800));
  }

  /**
   * @param language the browser's UI and Accept-Language ({@code zh-CN}), or null for English
   */
  static Browser open(String name, String language, Dimension size) throws IOException {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    Path profile = Files.createTempDirectory("chatroom-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        "--window-size=" + size.getWidth() + "," + size.getHeight(),
        "--user-data-dir=" + profile);
    String lang = language == null ? "en-US" : language;
    options.addArguments("--lang=" + lang);
    options.setExperimentalOption(
        "prefs", Map.of("intl.accept_languages", language == null ? "en-US,en" : language));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    fitViewport(driver, size);
    Browser browser = new Browser(name, driver, profile);
    OPEN.add(browser);
    return browser;
  }

  /** Sizes the window so that the page itself (the viewport) gets exactly {@code size}. */
  private static void fitViewport(ChromeDriver driver, Dimension size) {
    @SuppressWarnings("unchecked")
    List<Number> chrome =
        (List<Number>)
            driver.executeScript(
                "return [window.outerWidth - window.innerWidth,"
                    + " window.outerHeight - window.innerHeight]");
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(
                size.getWidth() + chrome.get(0).intValue(),
                size.getHeight() + chrome.get(1).intValue()));
  }

  static List<Browser> openBrowsers() {
    synchronized (OPEN) {
      return new ArrayList<>(OPEN);
    }
  }

  /** Opens the room page; {@code query} like {@code "?room=lobby"} or empty. */
  void load(String query) {
    driver.get(TomcatServer.BASE + query);
    waitUntil("the page script ran", d -> "true".equals(attribute("html", "data-ready")));
  }

  /** Fills the join form and joins; waits until the room screen shows. */
  void join(String nickname, String room) {
    type("#nickname", nickname);
    type("#room", room);
    find("#join-button").click();
    waitUntil("joined " + room, d -> find("#room-screen").isDisplayed());
    waitForUser(nickname);
  }

  /** Loads the page on a room and joins it. */
  void enter(String nickname, String room) {
    load("?room=" + room);
    join(nickname, room);
  }

  void type(String selector, String text) {
    WebElement field = find(selector);
    field.clear();
    field.sendKeys(text);
  }

  /** Types a line in the message box and sends it with Enter; waits for the room's echo. */
  void say(String text) {
    int before = ownLines();
    find("#message-input").sendKeys(text, org.openqa.selenium.Keys.ENTER);
    waitUntil("the own line echoed", d -> ownLines() > before);
  }

  private int ownLines() {
    return findAll("#messages li[data-type='user'].own:not(.outgoing)").size();
  }

  void waitForUser(String nickname) {
    waitUntil(
        nickname + " in the online list",
        d -> !findAll("#users li[data-nickname='" + nickname + "']").isEmpty());
  }

  /** Waits for a chat line by {@code from} whose text is exactly {@code text}. */
  WebElement waitForLine(String from, String text) {
    return waitUntil(
        "a line by " + from + ": " + text,
        d ->
            findAll("#messages li[data-type='user']:not(.outgoing)").stream()
                .filter(li -> from.equals(li.getAttribute("data-from")))
                .filter(li -> text.equals(lineText(li)))
                .findFirst()
                .orElse(null));
  }

  /** The text of a chat line as shown (without its header). */
  String lineText(WebElement line) {
    return line.findElement(By.cssSelector(".text")).getText();
  }

  WebElement find(String selector) {
    return driver.findElement(By.cssSelector(selector));
  }

  List<WebElement> findAll(String selector) {
    return driver.findElements(By.cssSelector(selector));
  }

  /** A DOM property or attribute read in the page (works for hidden elements too). */
  String attribute(String selector, String property) {
    Object value =
        script(
            "const e = document.querySelector(arguments[0]);"
                + " if (!e) return null; const v = e[arguments[1]];"
                + " return v === undefined ? e.getAttribute(arguments[1]) : String(v);",
            selector,
            property);
    return value == null ? "" : value.toString();
  }

  Object script(String code, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(code, args);
  }

  <T> T waitUntil(String what, Function<WebDriver, T> condition) {
    return waitUntil(what, WAIT, condition);
  }

  <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    wait.withMessage(() -> name + ": waited " + timeout.toSeconds() + " s for " + what);
    return wait.until(condition);
  }

  /** Emulates a phone-sized screen (or back to desktop with null). */
  void emulateScreen(Dimension size, boolean mobile) {
    if (size == null) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      return;
    }
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            size.getWidth(),
            "height",
            size.getHeight(),
            "deviceScaleFactor",
            1,
            "mobile",
            mobile));
  }

  /** Renders the page as if the system were set to a dark (or light) colour scheme. */
  void emulateColorScheme(String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /**
   * Saves a PNG of the viewport as {@code target/screenshots/<name>.png}; with {@code docs} and the
   * system property {@code chatroom.screenshots} set (to a folder, e.g. docs/screenshots), also
   * there.
   */
  Path screenshot(String fileName, boolean docs) throws IOException {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(SCREENSHOTS);
    Path saved = SCREENSHOTS.resolve(fileName + ".png");
    Files.write(saved, png);
    String docsDir = System.getProperty("chatroom.screenshots", "");
    if (docs && !docsDir.isBlank()) {
      Path dir = Files.createDirectories(Path.of(docsDir));
      Files.write(dir.resolve(fileName + ".png"), png);
    }
    return saved;
  }

  Path screenshot(String fileName) throws IOException {
    return screenshot(fileName, false);
  }

  /** The console entries logged since the last call (ChromeDriver hands each out once). */
  List<LogEntry> drainConsole() {
    List<LogEntry> fresh = driver.manage().logs().get(LogType.BROWSER).getAll();
    console.addAll(fresh);
    return fresh;
  }

  /**
   * Fails if the page logged a SEVERE console entry (a script error, a failed request…) since the
   * last check, except those {@code expected} accepts.
   */
  void assertConsoleClean(Predicate<String> expected) {
    List<String> severe =
        drainConsole().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(expected.negate())
            .collect(Collectors.toList());
    assertEquals(List.of(), severe, name + ": SEVERE entries in the browser console");
  }

  void assertConsoleClean() {
    assertConsoleClean(message -> false);
  }

  /**
   * The Chrome message of a WebSocket that could not connect (expected while the server is down).
   */
  static boolean isSocketFailure(String message) {
    return message.contains("WebSocket connection to 'ws://localhost:" + TomcatServer.PORT)
        && message.contains("failed");
  }

  @Override
  public void close() throws IOException {
    OPEN.remove(this);
    try {
      driver.quit();
    } finally {
      TomcatServer.deleteRecursively(profile);
    }
  }
}
