package org.chatroom.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.chatroom.ops.Statistics;
import org.chatroom.ops.StatsSnapshot;

/**
 * {@code GET /api/stats}: the MBean's figures as JSON, totals only, for anyone (a monitor).
 *
 * <pre>{"connectionsOpen":3,"rooms":1,"usersOnline":2,"messagesRelayed":17,"messagesRefused":1}
 * </pre>
 *
 * <p>{@code GET /api/stats/rooms}: the same with {@code "usersPerRoom":{"lobby":2}}, for operators
 * only: room names say who meets where. {@code web.xml} makes the container ask for a user in the
 * role {@value #OPERATOR} there; the role is checked here too, so that a constraint lost from the
 * descriptor hides the rooms rather than showing them. Never nicknames or message text.
 */
@WebServlet({"/api/stats", "/api/stats/rooms"})
public class StatsServlet extends HttpServlet {

  /** The container security role whose users may see per-room figures. */
  public static final String OPERATOR = "chatroom-operator";

  private static final long serialVersionUID = 1L;

  @Inject transient Statistics statistics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    StatsSnapshot stats = statistics.snapshot();
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("connectionsOpen", stats.connectionsOpen())
            .add("rooms", stats.rooms())
            .add("usersOnline", stats.usersOnline());
    if (request.getServletPath().equals("/api/stats/rooms") && request.isUserInRole(OPERATOR)) {
      JsonObjectBuilder perRoom = Json.createObjectBuilder();
      stats.usersPerRoom().forEach(perRoom::add);
      body.add("usersPerRoom", perRoom);
    }
    JsonResponses.send(
        response,
        body.add("messagesRelayed", stats.messagesRelayed())
            .add("messagesRefused", stats.messagesRefused())
            .add("nodesAlive", stats.nodesAlive())
            .build());
  }
}
