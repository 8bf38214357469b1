package org.chatroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The log check must find every stack trace and SEVERE record, and nothing else. */
class ServerLogTest {

  private static final String PAYARA_RECORD =
      "[2026-11-28T22:48:26.213+0000] [] [SEVERE] [] [jakarta.enterprise.web.core] [[\n"
          + "  An exception or error occurred in the container during the request processing\n"
          + "java.lang.NullPointerException: Cannot invoke \"x\" because \"y\" is null\n"
          + "\tat org.glassfish.tyrus.servlet.TyrusServletUpgrade.upgrade(TyrusServletUpgrade.java:213)"
          + "]]";

  private static final String INFO =
      "[2026-11-28T19:13:46.781+0000] [] [INFO] [] [org.chatroom] [levelValue: 800] Connection 1"
          + " in room lobby: refused (malformed_frame)";

  private static final String WARNING =
      "[2026-11-28T22:48:26.213+0000] [] [WARN] [] [org.jboss.weld.Servlet] WELD-000714:"
          + " HttpContextLifecycle guard leak detected.";

  @Test
  void findsThePayaraRecordsLinesAndNothingElse() {
    assertEquals(
        List.of(
            PAYARA_RECORD.substring(0, PAYARA_RECORD.indexOf('\n')),
            "java.lang.NullPointerException: Cannot invoke \"x\" because \"y\" is null",
            "\tat org.glassfish.tyrus.servlet.TyrusServletUpgrade.upgrade("
                + "TyrusServletUpgrade.java:213)]]"),
        ServerLog.trouble(String.join("\n", INFO, PAYARA_RECORD, "", WARNING)));
  }

  @Test
  void findsTomcatsSevereLinesAndTheirExceptions() {
    String tomcat =
        "28-Nov-2026 19:05:34.932 SEVERE [main] x.y Failed\njava.lang.Exception: no\n"
            + "28-Nov-2026 19:05:35.000 INFO [main] x.y Deployed";
    assertEquals(
        List.of("28-Nov-2026 19:05:34.932 SEVERE [main] x.y Failed", "java.lang.Exception: no"),
        ServerLog.trouble(tomcat));
  }
}
