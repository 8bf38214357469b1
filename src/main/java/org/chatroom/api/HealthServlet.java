package org.chatroom.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.chatroom.ops.Readiness;

/**
 * {@code GET /api/health}: {@code 200 {"status":"UP"}} while the room takes people, {@code 503
 * {"status":"DOWN"}} before it is ready and once it is shutting down. For load balancers.
 */
@WebServlet("/api/health")
public class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Readiness readiness;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean up = readiness.ready();
    response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    JsonResponses.send(
        response, Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").build());
  }
}
