package org.chatroom.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, exactly as an administrator would deploy it. */
public final class Deployments {

  private Deployments() {}

  public static WebArchive chatroomWar() {
    File war = new File(System.getProperty("chatroom.war", "target/chatroom.war"));
    if (!war.isFile()) {
      throw new IllegalStateException("Build the WAR first (mvn package): " + war);
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }
}
