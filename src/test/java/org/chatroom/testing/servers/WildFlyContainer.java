package org.chatroom.testing.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * WildFly as its operators run it: {@code bin/standalone.sh} (with a port offset, so its ports stay
 * apart from the other tests'), and its deployments folder: a WAR copied in is deployed, its {@code
 * .deployed} or {@code .failed} marker says how that went, and removing the marker undeploys it.
 * The console goes to this JVM's output for the log check; SIGTERM stops the server gracefully.
 */
public final class WildFlyContainer extends InstalledServerContainer {

  private static final int HTTP_PORT = 8080;
  private static final Duration MARKER_TIMEOUT = Duration.ofMinutes(2);

  private Process server;
  private Thread console;

  @Override
  public void start() throws LifecycleException {
    scanDeploymentsEvery(500);
    List<String> command =
        List.of(
            config.home().resolve("bin").resolve("standalone.sh").toString(),
            "-Djboss.socket.binding.port-offset=" + (config.httpPort() - HTTP_PORT),
            "-Djboss.bind.address=127.0.0.1",
            "-Djboss.bind.address.management=127.0.0.1");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(config.home().toFile()).redirectErrorStream(true);
      builder.environment().put("JAVA_HOME", config.javaHome());
      builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
      server = builder.start();
    } catch (IOException e) {
      throw new LifecycleException("Could not start WildFly", e);
    }
    console = new Thread(this::copyConsole, "wildfly-console");
    console.setDaemon(true);
    console.start();
    awaitHttp();
  }

  /**
   * The scanner looks at the deployments folder every 5 s out of the box; the tests deploy and
   * undeploy often, so this test server's configuration has it look every {@code millis}.
   */
  private void scanDeploymentsEvery(int millis) throws LifecycleException {
    Path configuration =
        config.home().resolve("standalone").resolve("configuration").resolve("standalone.xml");
    try {
      String xml = Files.readString(configuration, StandardCharsets.UTF_8);
      Files.writeString(
          configuration,
          xml.replaceFirst("scan-interval=\"\\d+\"", "scan-interval=\"" + millis + "\""),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LifecycleException("Cannot configure the deployment scanner", e);
    }
  }

  private void copyConsole() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        System.out.println(line);
      }
    } catch (IOException ended) {
      // the server's output closed
    }
  }

  private void awaitHttp() throws LifecycleException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline =
        System.nanoTime() + Duration.ofSeconds(config.startupTimeoutInSeconds()).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new LifecycleException("WildFly exited with " + server.exitValue());
      }
      try {
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.httpPort() + "/"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            BodyHandlers.discarding());
        return;
      } catch (ConnectException notYet) {
        // not listening yet
      } catch (IOException notYet) {
        // reset while the connector comes up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LifecycleException("Interrupted while WildFly started", e);
      }
      sleep(200);
    }
    throw new LifecycleException("WildFly did not answer HTTP in time");
  }

  @Override
  public void stop() throws LifecycleException {
    if (server == null) {
      return;
    }
    // standalone.sh passes SIGTERM on to the server, which shuts down in order.
    server.destroy();
    try {
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
        throw new LifecycleException("WildFly did not stop within 60 s");
      }
      console.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  @Override
  public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    String name = contextName(archive);
    Path deployments = deployments();
    for (String marker : List.of(".deployed", ".failed", ".undeployed")) {
      deleteQuietly(deployments.resolve(archive.getName() + marker));
    }
    try {
      export(archive, deployments);
    } catch (IOException e) {
      throw new DeploymentException("Could not copy " + archive.getName(), e);
    }
    Path outcome = awaitMarker(archive.getName(), ".deployed", ".failed");
    if (outcome.toString().endsWith(".failed")) {
      String why;
      try {
        why = Files.readString(outcome);
      } catch (IOException e) {
        why = e.toString();
      }
      throw new DeploymentException("WildFly could not deploy " + name + ": " + why);
    }
    return deployedAt(name);
  }

  @Override
  public void undeploy(Archive<?> archive) throws DeploymentException {
    Path deployments = deployments();
    deleteQuietly(deployments.resolve(archive.getName() + ".deployed"));
    awaitMarker(archive.getName(), ".undeployed");
    deleteQuietly(deployments.resolve(archive.getName()));
    deleteQuietly(deployments.resolve(archive.getName() + ".undeployed"));
  }

  private Path deployments() {
    return config.home().resolve("standalone").resolve("deployments");
  }

  private Path awaitMarker(String war, String... markers) throws DeploymentException {
    long deadline = System.nanoTime() + MARKER_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (String marker : markers) {
        Path file = deployments().resolve(war + marker);
        if (Files.exists(file)) {
          return file;
        }
      }
      sleep(100);
    }
    throw new DeploymentException(
        "WildFly's deployment scanner wrote no " + List.of(markers) + " for " + war);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
