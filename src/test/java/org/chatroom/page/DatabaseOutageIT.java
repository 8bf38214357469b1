package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.chatroom.testing.PostgresServer;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;

/**
 * The database goes away under an open room page (the WAR on PostgreSQL, as servers that share
 * their rooms run it): a line said meanwhile is refused by the server, and the page says so once,
 * keeps the line and sends it again until it is kept, once, in its place.
 */
@ExtendWith(ScreenshotOnFailure.class)
class DatabaseOutageIT {

  private static final String LINE = "said while the database was away";

  @RegisterExtension
  @Order(1)
  static final PostgresServer postgres = PostgresServer.create();

  @RegisterExtension
  @Order(2)
  static final TomcatServer SERVER =
      new TomcatServer()
          .withOptions(postgres::serverOptions)
          // The pool's one line per connection the outage broke (see PostgresClusterIT).
          .expecting("ProxyConnection.checkException chatroom - Connection .* marked as broken");

  @Test
  void aLineSaidWhileTheDatabaseIsAwayIsSentAgainUntilItIsKept() throws Exception {
    try (Browser dora = Browser.open("dora")) {
      dora.enter("dora", "outage");
      dora.say("before the outage");

      postgres.takeDown();
      dora.find("#message-input").sendKeys(LINE, Keys.ENTER);
      dora.waitUntil("the refusal told", d -> !dora.findAll(NOTICE).isEmpty() ? true : null);
      Thread.sleep(4_000); // the page tries again meanwhile, every 1.5 s
      assertEquals(1, dora.findAll(NOTICE).size(), "told once, not once per try");
      assertFalse(dora.findAll("#messages li.outgoing").isEmpty(), "the line is kept to resend");

      postgres.bringBack();
      dora.waitUntil(
          "the line kept and shown",
          Duration.ofSeconds(30),
          d -> dora.findAll("#messages li.outgoing").isEmpty() ? true : null);
      dora.waitForLine("dora", LINE);
      assertEquals(1, postgres.linesSaying(LINE), "kept once");
      dora.say("after the outage");
      // Chrome logs nothing for a refused line: a clean console, as in normal use.
      dora.assertConsoleClean();
    }
  }

  private static final String NOTICE =
      "#messages li[data-type='system'][data-code='store_unavailable']";
}
