package org.chatroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot be run here (no Docker engine); it is at least parsed and read. */
class DockerComposeTest {

  @Test
  void servesTheBuiltWarOnTomcatAndPayaraWithOnePostgres() throws Exception {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      compose = new Yaml().load(reader);
    }
    Map<String, Map<String, Object>> services = map(compose.get("services"));
    assertEquals(List.of("tomcat", "payara", "postgres"), List.copyOf(services.keySet()));

    Map<String, Object> tomcat = services.get("tomcat");
    assertTrue(((String) tomcat.get("image")).startsWith("tomcat:10.1"));
    assertEquals(
        List.of("./target/chatroom.war:/usr/local/tomcat/webapps/chatroom.war:ro"),
        tomcat.get("volumes"));
    assertTrue(((List<?>) tomcat.get("ports")).contains("8080:8080"));

    Map<String, Object> payara = services.get("payara");
    assertTrue(((String) payara.get("image")).startsWith("payara/server-full:6."));
    assertEquals(
        List.of("./target/chatroom.war:/opt/payara/deployments/chatroom.war:ro"),
        payara.get("volumes"));
    assertTrue(((List<?>) payara.get("ports")).contains("8081:8080"));

    Map<String, Object> postgres = services.get("postgres");
    assertTrue(((String) postgres.get("image")).startsWith("postgres:15"));
    Map<String, Object> database = map(postgres.get("environment"));
    for (Map<String, Object> server : List.of(tomcat, payara)) {
      Map<String, Object> environment = map(server.get("environment"));
      assertEquals(
          "jdbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"),
          environment.get("CHATROOM_DB_URL"));
      assertEquals(database.get("POSTGRES_USER"), environment.get("CHATROOM_DB_USER"));
      assertEquals(database.get("POSTGRES_PASSWORD"), environment.get("CHATROOM_DB_PASSWORD"));
      assertTrue(map(server.get("depends_on")) instanceof Map, "starts after the database");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T map(Object value) {
    return (T) value;
  }
}
