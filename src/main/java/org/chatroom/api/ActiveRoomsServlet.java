package org.chatroom.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.RoomRegistry;
import org.chatroom.room.RoomSummary;

/**
 * {@code GET /api/rooms}: the rooms the join screen may offer, those of {@code
 * chatroom.rooms.listed} (by default the lobby) that have people in them, busiest first. With
 * {@code *} listed, every room with people, at most {@value #MAX_LISTED}. A room not listed stays
 * unnamed here: its name may be all that keeps it private.
 *
 * <pre>{"rooms":[{"name":"lobby","users":3},{"name":"dev","users":1}]}</pre>
 */
@WebServlet("/api/rooms")
public class ActiveRoomsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int MAX_LISTED = 50;

  @Inject transient RoomRegistry registry;
  @Inject transient ChatSettings settings;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonArrayBuilder rooms = Json.createArrayBuilder();
    for (RoomSummary room : listed()) {
      rooms.add(Json.createObjectBuilder().add("name", room.name()).add("users", room.users()));
    }
    JsonResponses.send(response, Json.createObjectBuilder().add("rooms", rooms).build());
  }

  private List<RoomSummary> listed() {
    List<String> names = settings.listedRooms();
    return names.contains("*")
        ? registry.activeRooms(MAX_LISTED)
        : registry.activeRooms(names, MAX_LISTED);
  }
}
