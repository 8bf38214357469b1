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
 * {@code GET /api/stats}: the MBean's figures as JSON. Room names and counts, never nicknames or
 * message text.
 *
 * <pre>{"connectionsOpen":3,"rooms":1,"usersOnline":2,"usersPerRoom":{"lobby":2},
 * "messagesRelayed":17,"messagesRefused":1}</pre>
 */
@WebServlet("/api/stats")
public class StatsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Statistics statistics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    StatsSnapshot stats = statistics.snapshot();
    JsonObjectBuilder perRoom = Json.createObjectBuilder();
    stats.usersPerRoom().forEach(perRoom::add);
    JsonResponses.send(
        response,
        Json.createObjectBuilder()
            .add("connectionsOpen", stats.connectionsOpen())
            .add("rooms", stats.rooms())
            .add("usersOnline", stats.usersOnline())
            .add("usersPerRoom", perRoom)
            .add("messagesRelayed", stats.messagesRelayed())
            .add("messagesRefused", stats.messagesRefused())
            .build());
  }
}
