package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The log check must drop exactly the named container defect and keep everything else. */
class ServerLogTest {

  private static final String DEFECT =
      "[2026-11-28T19:13:46.917+0000] [] [WARNING] [] [jakarta.enterprise.web] [levelValue: 900] [[\n"
          + "  Response Error during finishResponse\n"
          + "java.lang.NullPointerException: Cannot invoke \"x\" because \"y\" is null\n"
          + "\tat org.apache.catalina.connector.OutputBuffer.close(OutputBuffer.java:247)\n"
          + "\tat org.apache.catalina.connector.Response.finishResponse(Response.java:624)]]";

  private static final String OURS =
      "[2026-11-28T19:13:47.000+0000] [] [SEVERE] [] [org.chatroom] [levelValue: 1000] [[\n"
          + "  Something broke\n"
          + "java.lang.IllegalStateException: ours\n"
          + "\tat org.chatroom.socket.Outbox.pump(Outbox.java:1)]]";

  private static final String ONE_LINE =
      "[2026-11-28T19:13:46.781+0000] [] [INFO] [] [org.chatroom] [levelValue: 800] Refused";

  @Test
  void dropsTheKnownDefectAndKeepsTheRest() {
    List<String> kept =
        ServerLog.withoutKnownContainerDefects(String.join("\n", ONE_LINE, DEFECT, "", OURS))
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            ONE_LINE,
            "",
            OURS.substring(0, OURS.indexOf('\n')),
            "  Something broke",
            "java.lang.IllegalStateException: ours",
            "\tat org.chatroom.socket.Outbox.pump(Outbox.java:1)]]"),
        kept);
  }

  @Test
  void keepsTomcatLinesAsTheyAre() {
    String tomcat = "28-Nov-2026 19:05:34.932 SEVERE [main] x.y Failed\njava.lang.Exception: no";
    assertEquals(
        List.of("28-Nov-2026 19:05:34.932 SEVERE [main] x.y Failed", "java.lang.Exception: no"),
        ServerLog.withoutKnownContainerDefects(tomcat).collect(Collectors.toList()));
  }
}
