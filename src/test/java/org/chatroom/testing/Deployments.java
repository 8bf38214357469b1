package org.chatroom.testing;

import java.io.File;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, exactly as an administrator would deploy it. */
public final class Deployments {

  private static final String WEB_XML = "WEB-INF/web.xml";

  private Deployments() {}

  public static WebArchive chatroomWar() {
    File war = new File(System.getProperty("chatroom.war", "target/chatroom.war"));
    if (!war.isFile()) {
      throw new IllegalStateException("Build the WAR first (mvn package): " + war);
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /** The same WAR under another file name, so that it deploys at {@code /name}. */
  public static WebArchive chatroomWarNamed(String name) {
    return ShrinkWrap.create(WebArchive.class, name + ".war").merge(chatroomWar());
  }

  /**
   * The same WAR with settings given as JNDI {@code env-entry}s in its {@code web.xml}, the way an
   * administrator configures a deployment without touching the server.
   */
  public static WebArchive chatroomWar(Map<String, String> settings) {
    WebArchive war = chatroomWar();
    String webXml;
    try (InputStream in = war.get(WEB_XML).getAsset().openStream()) {
      webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String declared =
          "<env-entry-name>chatroom/"
              + setting.getKey().substring("chatroom.".length())
              + "</env-entry-name>\n    <env-entry-type>java.lang.String</env-entry-type>";
      if (!webXml.contains(declared)) {
        throw new IllegalArgumentException("web.xml declares no setting " + setting.getKey());
      }
      webXml =
          webXml.replace(
              declared,
              declared
                  + "\n    <env-entry-value>"
                  + xml(setting.getValue())
                  + "</env-entry-value>");
    }
    war.delete(WEB_XML);
    war.setWebXML(new StringAsset(webXml));
    return war;
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
