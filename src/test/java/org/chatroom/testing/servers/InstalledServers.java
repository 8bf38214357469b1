package org.chatroom.testing.servers;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian containers for servers run as their operators run them, from their own distribution
 * and their own tools: a full Payara Server through {@code asadmin}, WildFly through {@code
 * standalone.sh} and its deployments folder. Arquillian takes exactly one container implementation
 * from the class path, so this offers one only when the failsafe execution asks for it with {@code
 * -Darquillian.launch}; the Tomcat and Payara Micro executions keep theirs.
 */
public final class InstalledServers implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    String launch = System.getProperty("arquillian.launch", "");
    if (launch.startsWith("payara-server")) {
      builder.service(DeployableContainer.class, PayaraServerContainer.class);
    } else if (launch.startsWith("wildfly")) {
      builder.service(DeployableContainer.class, WildFlyContainer.class);
    }
  }
}
