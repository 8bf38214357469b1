package org.chatroom.api;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the small JSON answers of the {@code /api} resources: never cached, UTF-8. */
final class JsonResponses {

  private JsonResponses() {}

  static void send(HttpServletResponse response, JsonObject body) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(body.toString());
  }
}
