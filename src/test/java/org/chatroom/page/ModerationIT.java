package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.chatroom.ops.RoomsMXBean;
import org.chatroom.testing.ChatClient;
import org.chatroom.testing.Frames;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * A moderator acts through the MBean, over a real JMX connector as JConsole would: a removed line
 * leaves the open page with a note, the other lines as they were; an announcement and a kick reach
 * a Chinese page in Chinese, the operator's own words inside.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ModerationIT {

  private static final int JMX_PORT = 18289;

  @RegisterExtension
  static final TomcatServer SERVER =
      new TomcatServer()
          .withOptions(
              () ->
                  List.of(
                      "-Dcom.sun.management.jmxremote.port=" + JMX_PORT,
                      "-Dcom.sun.management.jmxremote.authenticate=false",
                      "-Dcom.sun.management.jmxremote.ssl=false",
                      "-Djava.rmi.server.hostname=127.0.0.1"));

  @Test
  void removedLineLeavesThePageWithANote() throws Exception {
    try (Browser alice = Browser.open("alice");
        ChatClient bob = ChatClient.login(TomcatServer.BASE.toURL(), "moderated", "bob")) {
      alice.enter("alice", "moderated");
      bob.skipUntil("login", "alice");
      bob.say("an abusive line");
      long abusive = Frames.id(bob.expect("user"));
      bob.say("a fine line");
      bob.expect("user");
      alice.waitUntil("both lines", d -> alice.findAll("li.msg[data-id]").size() == 2);

      try (JMXConnector jmx = operator()) {
        assertTrue(rooms(jmx).deleteLine("moderated", abusive));
      }

      String removed = "li.msg.removed[data-id='" + abusive + "'] .text";
      alice.waitUntil("the removed line", d -> alice.findAll(removed).size() == 1);
      assertEquals(
          "This message was removed by a moderator.", alice.find(removed).getText().strip());
      assertTrue(alice.find("li.msg:not(.removed) .text").getText().contains("a fine line"));
      assertEquals(
          List.of(),
          alice.findAll("li.msg").stream().filter(l -> l.getText().contains("abusive")).toList());
      alice.assertConsoleClean();
    }
  }

  @Test
  void theOperatorsWordsReachAChinesePageInChinese() throws Exception {
    try (Browser lei = Browser.open("lei", "zh-CN", new Dimension(1280, 800));
        JMXConnector jmx = operator()) {
      lei.enter("小李", "notices");
      assertEquals(1, rooms(jmx).announce("notices", "Maintenance at noon"));
      assertEquals("公告：Maintenance at noon", notice(lei, "announcement"));
      assertTrue(rooms(jmx).kick("notices", "小李", "spam"));
      assertEquals("你已被管理员移出房间：spam", notice(lei, "kicked"));
      lei.assertConsoleClean();
    }
  }

  private static String notice(Browser page, String code) {
    String selector = "#messages li.notice[data-code='" + code + "'] .text";
    return page.waitUntil(code, d -> page.findAll(selector).stream().findFirst().orElse(null))
        .getText();
  }

  private static JMXConnector operator() throws Exception {
    return JMXConnectorFactory.connect(
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + JMX_PORT + "/jmxrmi"));
  }

  private static RoomsMXBean rooms(JMXConnector jmx) throws Exception {
    return JMX.newMXBeanProxy(
        jmx.getMBeanServerConnection(),
        new ObjectName("chatroom:type=Rooms,context=/chatroom"),
        RoomsMXBean.class);
  }
}
