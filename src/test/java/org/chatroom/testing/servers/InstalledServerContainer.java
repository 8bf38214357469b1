package org.chatroom.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * What the installed servers share: their configuration, the WAR written to a file as an operator
 * has it, the deployment's address for the tests, and running the server's own command-line tools.
 */
abstract class InstalledServerContainer
    implements DeployableContainer<InstalledServerConfiguration> {

  protected InstalledServerConfiguration config;

  @Override
  public Class<InstalledServerConfiguration> getConfigurationClass() {
    return InstalledServerConfiguration.class;
  }

  @Override
  public void setup(InstalledServerConfiguration configuration) {
    this.config = configuration;
  }

  /** The tests talk to the deployment from outside ({@code @RunAsClient}); no test archive. */
  @Override
  public ProtocolDescription getDefaultProtocol() {
    return new ProtocolDescription("Servlet 5.0");
  }

  /** The deployment's name and context path: the WAR's file name without {@code .war}. */
  protected static String contextName(Archive<?> archive) {
    return archive.getName().replaceFirst("\\.war$", "");
  }

  /** Where the tests reach a deployment: {@code http://localhost:PORT/NAME/}. */
  protected ProtocolMetaData deployedAt(String name) {
    return new ProtocolMetaData()
        .addContext(
            new HTTPContext("localhost", config.httpPort())
                .add(new Servlet("default", "/" + name)));
  }

  /** Writes the WAR to {@code dir}, whole before it appears under its name. */
  protected static Path export(Archive<?> archive, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path partial = dir.resolve(archive.getName() + ".part");
    try (InputStream zip = archive.as(ZipExporter.class).exportAsInputStream()) {
      Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    return Files.move(partial, dir.resolve(archive.getName()), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Runs one of the server's own tools to its end; its output, or an error that quotes it. */
  protected String run(List<String> command, Map<String, String> environment)
      throws LifecycleException {
    try {
      return ServerTool.run(config.home(), config.javaHome(), environment, command);
    } catch (IOException e) {
      throw new LifecycleException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException("Interrupted while running " + command, e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
