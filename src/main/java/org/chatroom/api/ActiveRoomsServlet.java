package org.chatroom.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.chatroom.room.RoomRegistry;
import org.chatroom.room.RoomSummary;

/**
 * {@code GET /api/rooms}: the rooms with people in them, for the join screen to offer.
 *
 * <pre>{"rooms":[{"name":"lobby","users":3},{"name":"dev","users":1}]}</pre>
 */
@WebServlet("/api/rooms")
public class ActiveRoomsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int MAX_LISTED = 50;

  @Inject transient RoomRegistry registry;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonArrayBuilder rooms = Json.createArrayBuilder();
    for (RoomSummary room : registry.activeRooms(MAX_LISTED)) {
      rooms.add(Json.createObjectBuilder().add("name", room.name()).add("users", room.users()));
    }
    JsonResponses.send(response, Json.createObjectBuilder().add("rooms", rooms).build());
  }
}
