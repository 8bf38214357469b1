package org.chatroom.testing.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of a server's own command-line tools to its end, as an operator's shell would. */
final class ServerTool {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  private ServerTool() {}

  /**
   * Runs {@code command} in the server's {@code home} on the given Java; its output, or an {@link
   * IOException} quoting it when the tool fails or does not end.
   */
  static String run(
      Path home, String javaHome, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not end:\n" + output);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
    }
    return output;
  }
}
