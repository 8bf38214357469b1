package org.chatroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatroom.guard.ClientRequest;
import org.chatroom.guard.OriginPolicy;
import org.chatroom.guard.TrustedProxies;
import org.chatroom.platform.ChatSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and docker/nginx.conf cannot be run here (no Docker engine); they are at least
 * parsed and read, and the servers' settings are read from the compose file by {@link ChatSettings}
 * itself.
 */
class DockerComposeTest {

  private static final List<String> CHAT_SERVERS = List.of("tomcat1", "tomcat2", "payara");
  private static final Path NGINX_CONF = Path.of("docker/nginx.conf");

  private static Map<String, Map<String, Object>> services;
  private static String nginxConf;

  @BeforeAll
  static void read() throws Exception {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      compose = new Yaml().load(reader);
    }
    services = cast(compose.get("services"));
    nginxConf = Files.readString(NGINX_CONF);
  }

  @Test
  void runsTwoTomcatsAndAPayaraOnOnePostgresBehindNginx() {
    assertEquals(Set.of("postgres", "tomcat1", "tomcat2", "payara", "nginx"), services.keySet());
    for (String tomcat : List.of("tomcat1", "tomcat2")) {
      assertTrue(image(tomcat).startsWith("tomcat:10.1-"), image(tomcat));
      assertEquals(
          List.of("./target/chatroom.war:/usr/local/tomcat/webapps/chatroom.war:ro"),
          services.get(tomcat).get("volumes"));
    }
    assertTrue(image("payara").startsWith("payara/server-full:6."), image("payara"));
    assertEquals(
        List.of("./target/chatroom.war:/opt/payara/deployments/chatroom.war:ro"),
        services.get("payara").get("volumes"));
    assertTrue(image("postgres").startsWith("postgres:15"), image("postgres"));
    assertTrue(image("nginx").startsWith("nginx:1."), image("nginx"));

    assertEquals(List.of("8080:8080"), services.get("nginx").get("ports"));
    assertEquals(List.of("8081:8080"), services.get("tomcat1").get("ports"));
    assertEquals(List.of("8082:8080"), services.get("tomcat2").get("ports"));
    assertEquals(List.of("8083:8080", "4848:4848"), services.get("payara").get("ports"));
  }

  @Test
  void pinsEveryImageToATag() {
    for (String service : services.keySet()) {
      String image = image(service);
      String name = image.substring(image.lastIndexOf('/') + 1);
      assertTrue(name.contains(":"), service + " names no tag: " + image);
      assertNotEquals("latest", name.substring(name.indexOf(':') + 1), service);
    }
  }

  @Test
  void everyChatServerSharesTheSameDatabase() {
    Map<String, Object> database = cast(services.get("postgres").get("environment"));
    for (String server : CHAT_SERVERS) {
      ChatSettings settings = settingsOf(server);
      assertEquals(
          Optional.of("jdbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB")),
          settings.dbUrl(),
          server);
      Map<String, Object> environment = cast(services.get(server).get("environment"));
      assertEquals(database.get("POSTGRES_USER"), environment.get("CHATROOM_DB_USER"), server);
      assertEquals(
          database.get("POSTGRES_PASSWORD"), environment.get("CHATROOM_DB_PASSWORD"), server);
      assertTrue(settings.cluster(), server + " shares its rooms");
      Map<String, Map<String, Object>> dependsOn = cast(services.get(server).get("depends_on"));
      assertEquals(
          "service_healthy", dependsOn.get("postgres").get("condition"), server + " waits");
    }
  }

  @Test
  void nginxBalancesOverEveryChatServerAndLeavesOutADeadOne() {
    assertEquals(
        List.of("./" + NGINX_CONF + ":/etc/nginx/nginx.conf:ro"),
        services.get("nginx").get("volumes"));
    for (String server : CHAT_SERVERS) {
      assertTrue(
          Pattern.compile("\\n\\s*server\\s+" + server + ":8080\\s+max_fails=\\d+ fail_timeout=")
              .matcher(nginxConf)
              .find(),
          server + " is in the upstream with a passive health check");
    }
    assertEquals(
        Set.copyOf(CHAT_SERVERS),
        Set.copyOf((List<?>) services.get("nginx").get("depends_on")),
        "nginx starts after the servers whose names it resolves");
  }

  @Test
  void nginxPassesWebSocketUpgradesAndOutwaitsTheHeartbeat() {
    assertTrue(nginxConf.contains("map $http_upgrade $connection_upgrade {"));
    assertTrue(nginxConf.contains("proxy_http_version 1.1;"));
    Map<String, String> headers = proxiedHeaders();
    assertEquals("$http_upgrade", headers.get("Upgrade"));
    assertEquals("$connection_upgrade", headers.get("Connection"));

    for (String server : CHAT_SERVERS) {
      long idleSeconds = settingsOf(server).idleTimeoutMillis() / 1000;
      assertTrue(
          seconds("proxy_read_timeout") > idleSeconds,
          "nginx would cut quiet sockets before " + server + " pings them");
      assertTrue(seconds("proxy_send_timeout") > idleSeconds, server);
    }
  }

  /** The headers nginx sets are what the servers' own filters read: replay them through those. */
  @Test
  void aPageServedThroughNginxPassesTheOriginCheckWithItsClientAddress() {
    Map<String, Object> networks = cast(services.get("nginx").get("networks"));
    Map<String, Object> nginxNetwork = cast(networks.get("default"));
    String nginxAddress = (String) nginxNetwork.get("ipv4_address");
    Map<String, String> browser =
        Map.of(
            "$http_host", "localhost:8080",
            "$host", "localhost",
            "$scheme", "http",
            "$proxy_add_x_forwarded_for", "203.0.113.7",
            "$http_upgrade", "websocket",
            "$connection_upgrade", "upgrade");
    Map<String, String> sent = new LinkedHashMap<>();
    proxiedHeaders()
        .forEach(
            (name, value) -> {
              assertTrue(browser.containsKey(value), "a browser's value for " + value);
              sent.put(name.toLowerCase(Locale.ROOT), browser.get(value));
            });

    for (String server : CHAT_SERVERS) {
      ChatSettings settings = settingsOf(server);
      TrustedProxies proxies = new TrustedProxies(settings.trustedProxies());
      ClientRequest client =
          proxies.resolve(
              nginxAddress,
              "http",
              sent.get("host"),
              name ->
                  Optional.ofNullable(sent.get(name.toLowerCase(Locale.ROOT))).stream().toList());
      assertEquals("203.0.113.7", client.address(), server + " believes nginx");
      assertTrue(
          new OriginPolicy(settings.allowedOrigins(), settings.allowMissingOrigin())
              .allows("http://localhost:8080", client.scheme(), client.host()),
          server + " lets in the page at http://localhost:8080/chatroom/");
      assertFalse(
          proxies.trusts("172.28.0.1"),
          server
              + " believes the network's gateway, where the debugging ports' requests come from");
    }
  }

  private static ChatSettings settingsOf(String server) {
    Map<String, Object> environment = cast(services.get(server).get("environment"));
    return new ChatSettings(
        name -> {
          Object value =
              environment.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
          return value == null ? null : value.toString();
        });
  }

  private static Map<String, String> proxiedHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("proxy_set_header\\s+(\\S+)\\s+(\\S+);").matcher(nginxConf);
    while (matcher.find()) {
      headers.put(matcher.group(1), matcher.group(2));
    }
    return headers;
  }

  private static long seconds(String directive) {
    Matcher matcher = Pattern.compile(directive + "\\s+(\\d+)s;").matcher(nginxConf);
    assertTrue(matcher.find(), directive + " in seconds");
    return Long.parseLong(matcher.group(1));
  }

  private static String image(String service) {
    return (String) services.get(service).get("image");
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
