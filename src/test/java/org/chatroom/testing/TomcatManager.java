package org.chatroom.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tomcat's Manager app spoken to as an operator's script does, through its text interface ({@code
 * /manager/text/...}, HTTP Basic, a user with the role {@code manager-script}). Each answer is the
 * Manager's plain text, whose first line starts with {@code OK - } or {@code FAIL - }.
 */
public final class TomcatManager {

  /** Deploying and reloading start the application: Weld and all, on a busy machine. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI text;
  private final String authorization;

  /** The Manager whose text interface is at {@code text}, as {@code user}. */
  public TomcatManager(URI text, String user, String password) {
    this.text = text;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code PUT deploy?path=...} with the WAR's bytes as the body, as {@code curl -T} sends it. */
  public String deploy(String contextPath, Path war) throws Exception {
    return answer(
        request("deploy?path=" + contextPath).PUT(HttpRequest.BodyPublishers.ofFile(war)).build());
  }

  /** A command such as {@code reload?path=/chatroom}, waiting for its answer. */
  public String run(String command) throws Exception {
    return start(command).get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Tomcat's "Find leaks" ({@code findleaks?statusLine=true}): it collects garbage once and names
   * the stopped applications still reachable. One collection may come before the last of the old
   * threads has ended, so it is asked again for a while, as long as it names {@code contextPath}; a
   * real leak stays. The answer, on one line.
   */
  public String findLeaks(String contextPath, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    String answer = run("findleaks?statusLine=true");
    while (answer.contains(contextPath) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      answer = run("findleaks?statusLine=true");
    }
    return String.join(" ", answer.lines().toList());
  }

  /**
   * Sends a command and returns at once: the Manager answers a reload or an undeploy only once it
   * is done, and a test watches the clients meanwhile.
   */
  public CompletableFuture<String> start(String command) {
    return HTTP.sendAsync(request(command).GET().build(), BodyHandlers.ofString())
        .thenApply(response -> response.body());
  }

  private String answer(HttpRequest request) throws Exception {
    return HTTP.send(request, BodyHandlers.ofString()).body();
  }

  private HttpRequest.Builder request(String command) {
    return HttpRequest.newBuilder(text.resolve(command))
        .timeout(ANSWER_TIMEOUT)
        .header("Authorization", authorization);
  }
}
