package org.chatroom.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
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
    if (names.contains("*")) {
      return registry.activeRooms(MAX_LISTED);
    }
    return names.stream()
        .flatMap(name -> registry.room(name).stream())
        .distinct() // "Lobby, lobby" name one room; rooms are compared as objects
        .map(room -> new RoomSummary(room.name().value(), room.size()))
        .filter(summary -> summary.users() > 0)
        .sorted(
            Comparator.comparingInt(RoomSummary::users).reversed().thenComparing(RoomSummary::name))
        .limit(MAX_LISTED)
        .collect(Collectors.toList());
  }
}
