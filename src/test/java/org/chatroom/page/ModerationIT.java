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

/**
 * A moderator removes a line through the MBean, over a real JMX connector as JConsole would: the
 * open page takes the text off the screen and says why, the other lines stay as they were.
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

      try (JMXConnector jmx =
          JMXConnectorFactory.connect(
              new JMXServiceURL(
                  "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + JMX_PORT + "/jmxrmi"))) {
        RoomsMXBean rooms =
            JMX.newMXBeanProxy(
                jmx.getMBeanServerConnection(),
                new ObjectName("chatroom:type=Rooms,context=/chatroom"),
                RoomsMXBean.class);
        assertTrue(rooms.deleteLine("moderated", abusive));
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
}
