package org.chatroom.testing.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * A full Payara Server driven by {@code asadmin}, as its README tells an operator: a domain of its
 * own ({@code create-domain --portbase}, so its ports stay apart from the other tests'), {@code
 * start-domain}, {@code deploy}, {@code undeploy}, {@code stop-domain}. The domain's {@code
 * server.log} is copied to this JVM's output for the log check.
 */
public final class PayaraServerContainer extends InstalledServerContainer {

  static final String DOMAIN = "chatroom";

  private LogTail log;

  @Override
  public void start() throws LifecycleException {
    if (config.httpPort() - 80 + 48 != config.adminPort()) {
      throw new LifecycleException("adminPort must be httpPort - 32 (asadmin's --portbase)");
    }
    Path domain = domainDir();
    if (!Files.isDirectory(domain)) {
      asadmin(
          "create-domain",
          "--nopassword=true",
          "--portbase",
          String.valueOf(config.httpPort() - 80),
          DOMAIN);
    }
    try {
      log = LogTail.fromEnd(domain.resolve("logs").resolve("server.log"));
    } catch (IOException e) {
      throw new LifecycleException("Cannot read the domain's log", e);
    }
    asadmin("start-domain", DOMAIN);
  }

  @Override
  public void stop() throws LifecycleException {
    try {
      asadmin("stop-domain", DOMAIN);
    } finally {
      try {
        log.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    String name = contextName(archive);
    try {
      Path war = export(archive, config.home().resolve("deployments"));
      asadmin("deploy", "--force=true", "--name", name, "--contextroot", name, war.toString());
    } catch (IOException | LifecycleException e) {
      throw new DeploymentException("asadmin could not deploy " + name + ": " + e.getMessage(), e);
    }
    return deployedAt(name);
  }

  @Override
  public void undeploy(Archive<?> archive) throws DeploymentException {
    try {
      asadmin("undeploy", contextName(archive));
    } catch (LifecycleException e) {
      throw new DeploymentException("asadmin could not undeploy: " + e.getMessage(), e);
    }
  }

  /** One {@code asadmin} command against this domain's admin port; its output. */
  public String asadmin(String... arguments) throws LifecycleException {
    List<String> command = new ArrayList<>();
    command.add(config.home().resolve("bin").resolve("asadmin").toString());
    if (!"create-domain".equals(arguments[0])) {
      command.addAll(List.of("--port", String.valueOf(config.adminPort())));
    }
    command.addAll(List.of(arguments));
    return run(command, Map.of("AS_JAVA", config.javaHome()));
  }

  private Path domainDir() {
    return config.home().resolve("glassfish").resolve("domains").resolve(DOMAIN);
  }
}
