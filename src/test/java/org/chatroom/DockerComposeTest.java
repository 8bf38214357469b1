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
  void servesTheBuiltWarOnTomcatAndPayara() throws Exception {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      compose = new Yaml().load(reader);
    }
    Map<String, Map<String, Object>> services = map(compose.get("services"));
    assertEquals(List.of("tomcat", "payara"), List.copyOf(services.keySet()));

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
  }

  @SuppressWarnings("unchecked")
  private static <T> T map(Object value) {
    return (T) value;
  }
}
