package org.chatroom.testing.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** Where an installed server lives and where it listens, from {@code arquillian.xml}. */
public final class InstalledServerConfiguration implements ContainerConfiguration {

  private String home;
  private String javaHome = System.getProperty("java.home");
  private int httpPort;
  private int adminPort;
  private int startupTimeoutInSeconds = 240;

  @Override
  public void validate() throws ConfigurationException {
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new ConfigurationException("No server installed at home=" + home);
    }
    if (httpPort <= 0 || adminPort <= 0) {
      throw new ConfigurationException("httpPort and adminPort are required");
    }
  }

  public Path home() {
    return Path.of(home).toAbsolutePath();
  }

  public String javaHome() {
    return javaHome;
  }

  public int httpPort() {
    return httpPort;
  }

  public int adminPort() {
    return adminPort;
  }

  public int startupTimeoutInSeconds() {
    return startupTimeoutInSeconds;
  }

  // Setters for Arquillian's configuration mapper, one per property of arquillian.xml.

  public void setHome(String home) {
    this.home = home;
  }

  public void setJavaHome(String javaHome) {
    this.javaHome = javaHome;
  }

  public void setHttpPort(int httpPort) {
    this.httpPort = httpPort;
  }

  public void setAdminPort(int adminPort) {
    this.adminPort = adminPort;
  }

  public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
    this.startupTimeoutInSeconds = startupTimeoutInSeconds;
  }
}
