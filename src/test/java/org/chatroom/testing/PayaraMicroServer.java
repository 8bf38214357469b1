package org.chatroom.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.chatroom.testing.servers.AdminTools;

/**
 * Payara Micro 6 serving the built WAR at {@code /chatroom} as a child process (see {@link
 * ServerProcess}), as an operator runs it: {@code java -jar payara-micro.jar --deploy}. Its
 * embedded database is kept in {@code data/} of its folder. The jar is the one the build copies to
 * {@code target/payara-micro.jar} (system property {@code MICRO_JAR}).
 */
public final class PayaraMicroServer extends ServerProcess<PayaraMicroServer> {

  public static final int PORT = 18380;
  public static final URI BASE = URI.create("http://localhost:" + PORT + "/chatroom/");

  private Supplier<String> postBootCommands = () -> null;

  /**
   * {@code asadmin} commands run after boot and before the deployment, one a line, as an operator
   * gives them with {@code --postbootcommandfile}: JDBC pools and resources, for instance.
   */
  public PayaraMicroServer withPostBootCommands(Supplier<String> commands) {
    this.postBootCommands = commands;
    return this;
  }

  /**
   * A user in Payara's file realm, in the group (and so the role) {@code chatroom-operator}, made
   * by a post-boot command as the README tells a Payara Micro operator.
   */
  public PayaraMicroServer withOperator(String user, String password) {
    return withPostBootCommands(
        () ->
            "create-file-user --passwordfile "
                + AdminTools.payaraPasswordFile(password)
                + " --groups chatroom-operator "
                + user
                + "\n");
  }

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
  protected List<String> command(Path home) throws IOException {
    Path jar = Path.of(System.getProperty("MICRO_JAR", "target/payara-micro.jar"));
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xmx768m");
    command.add("-XX:TieredStopAtLevel=1"); // a start a third quicker; see arquillian.xml
    command.add("-Dchatroom.data.dir=" + home.resolve("data"));
    command.addAll(options());
    command.addAll(
        List.of(
            "-jar",
            jar.toAbsolutePath().toString(),
            "--deploy",
            home.resolve("chatroom.war").toString(),
            "--contextroot",
            "chatroom",
            "--port",
            String.valueOf(PORT),
            "--nocluster"));
    // Options of the build's for this execution (pom.xml), e.g. no data grid where starts add up.
    String extra = System.getProperty("chatroom.payara.micro.options", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    for (Path library : libraries()) {
      command.addAll(List.of("--addlibs", library.toAbsolutePath().toString()));
    }
    String commands = postBootCommands.get();
    if (commands != null) {
      Path file = home.resolve("post-boot.asadmin");
      Files.writeString(file, commands, StandardCharsets.UTF_8);
      command.addAll(List.of("--postbootcommandfile", file.toString()));
    }
    return command;
  }
}
