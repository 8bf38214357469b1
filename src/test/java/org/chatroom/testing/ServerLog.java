package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
      Pattern.compile("SEVERE|[\\w$]+(Exception|Error)\\b|^\\s+at [\\w.$]+\\(", Pattern.MULTILINE);

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
  public void afterAll(ExtensionContext context) {
    String log;
    synchronized (CAPTURED) {
      log = CAPTURED.toString(StandardCharsets.UTF_8);
    }
    assertTrue(
        log.contains("chatroom"),
        "Nothing of the server's console reached this JVM; the log check would see nothing");
    List<String> trouble =
        withoutKnownContainerDefects(log)
            .filter(line -> TROUBLE.matcher(line).find())
            .collect(Collectors.toList());
    assertTrue(
        trouble.isEmpty(), () -> "The server logged trouble:\n" + String.join("\n", trouble));
  }

  /**
   * The log without the records of container defects that no application can prevent, each named
   * precisely. Payara (GlassFish issue 20702): closing a WebSocket session sometimes logs "Response
   * Error during finishResponse" with a NullPointerException inside Catalina's OutputBuffer, after
   * the close itself succeeded. A multi-line Payara record runs from its "[20...] [[" header to its
   * closing "]]".
   */
  static Stream<String> withoutKnownContainerDefects(String log) {
    List<String> kept = new ArrayList<>();
    List<String> record = new ArrayList<>();
    for (String line : log.split("\n", -1)) {
      if (record.isEmpty() && !(line.startsWith("[20") && line.endsWith("[["))) {
        kept.add(line);
        continue;
      }
      record.add(line);
      if (line.endsWith("]]")) {
        if (!isKnownDefect(record)) {
          kept.addAll(record);
        }
        record.clear();
      }
    }
    kept.addAll(record);
    return kept.stream();
  }

  private static boolean isKnownDefect(List<String> record) {
    String text = String.join("\n", record);
    boolean closeDefect =
        text.contains("Response Error during finishResponse")
            && text.contains("at org.apache.catalina.connector.OutputBuffer.close(");
    boolean upgradeRace =
        text.contains("java.io.IOException: Connection is closed")
            && text.contains("at org.glassfish.tyrus.servlet.TyrusServletUpgrade.upgrade(");
    // The same race seen from the end of that request: Payara's request statistics read the
    // host of a connection that is already gone.
    boolean upgradeRaceAftermath =
        text.contains("because \"connection\" is null")
            && text.contains(
                "at com.sun.enterprise.web.connector.coyote.PECoyoteConnector.requestEndEvent(");
    return closeDefect || upgradeRace || upgradeRaceAftermath;
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
