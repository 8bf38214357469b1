package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records what the container prints (the Arquillian adapters pipe the server's console into this
 * JVM's standard output) and fails the test class if a stack trace or a SEVERE line appears.
 * Register it before Arquillian, so that it listens before the server starts.
 */
public final class ServerLog implements BeforeAllCallback, AfterAllCallback {

  private static final Pattern TROUBLE =
      Pattern.compile(
          // SEVERE is Payara Server's "levelValue: 1000" (it may print it as ERROR) and
          // WildFly's "ERROR [category]".
          "SEVERE|levelValue: 1000\\b|\\sERROR \\[|[\\w$]+(Exception|Error)\\b"
              + "|java\\.lang\\.(Exception|Error|Throwable)\\b|^\\s+at [\\w.$]+\\(",
          Pattern.MULTILINE);

  private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
  private static volatile boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (CAPTURED) {
      if (!installed) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console), true, StandardCharsets.UTF_8));
        installed = true;
      }
      CAPTURED.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    String log;
    synchronized (CAPTURED) {
      log = CAPTURED.toString(StandardCharsets.UTF_8);
    }
    keep(context.getRequiredTestClass(), log);
    assertTrue(
        log.contains("chatroom"),
        "Nothing of the server's console reached this JVM; the log check would see nothing");
    List<String> trouble = trouble(log);
    assertTrue(
        trouble.isEmpty(), () -> "The server logged trouble:\n" + String.join("\n", trouble));
  }

  /**
   * Beside the class's test report, for whoever reads why it failed: CI shows the tail of the
   * build's output, where a server that never came up leaves only the adapter's last words.
   */
  private static void keep(Class<?> testClass, String log) throws IOException {
    String container = System.getProperty("chatroom.container");
    Path reports = Path.of("target", "failsafe-reports");
    Files.createDirectories(reports);
    String name = testClass.getName() + (container == null ? "" : "-" + container);
    Files.writeString(reports.resolve(name + ".server.log"), log, StandardCharsets.UTF_8);
  }

  /** The lines of the log that say something went wrong: a SEVERE record or a stack trace. */
  static List<String> trouble(String log) {
    return Stream.of(log.split("\n", -1))
        .filter(line -> TROUBLE.matcher(line).find())
        .collect(Collectors.toList());
  }

  private static final class Tee extends OutputStream {
    private final PrintStream console;

    Tee(PrintStream console) {
      this.console = console;
    }

    @Override
    public void write(int b) {
      console.write(b);
      synchronized (CAPTURED) {
        CAPTURED.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      console.write(b, off, len);
      synchronized (CAPTURED) {
        CAPTURED.write(b, off, len);
      }
    }
  }
}
