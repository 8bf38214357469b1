package org.chatroom.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Payara Micro 6 serving the built WAR at {@code /chatroom} as a child process (see {@link
 * ServerProcess}), as an operator runs it: {@code java -jar payara-micro.jar --deploy}. Its
 * embedded database is kept in {@code data/} of its folder. The jar is the one the build copies to
 * {@code target/payara-micro.jar} (system property {@code MICRO_JAR}).
 */
public final class PayaraMicroServer extends ServerProcess {

  public static final int PORT = 18380;
  public static final URI BASE = URI.create("http://localhost:" + PORT + "/chatroom/");

  @Override
  protected String name() {
    return "payara";
  }

  @Override
  public URI base() {
    return BASE;
  }

  /** The folder of the embedded database ({@code chatroom.data.dir}). */
  public Path data() {
    return home().resolve("data");
  }

  @Override
  protected void layOut(Path home) throws IOException {
    Files.createDirectories(home.resolve("data"));
    Files.copy(war(), home.resolve("chatroom.war"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  protected List<String> command(Path home) {
    Path jar = Path.of(System.getProperty("MICRO_JAR", "target/payara-micro.jar"));
    return List.of(
        java(),
        "-Xmx768m",
        "-Dchatroom.data.dir=" + home.resolve("data"),
        "-jar",
        jar.toAbsolutePath().toString(),
        "--deploy",
        home.resolve("chatroom.war").toString(),
        "--contextroot",
        "chatroom",
        "--port",
        String.valueOf(PORT),
        "--nocluster");
  }
}
