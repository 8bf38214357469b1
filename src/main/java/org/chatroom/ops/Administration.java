package org.chatroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.room.Member;
import org.chatroom.room.Room;
import org.chatroom.room.RoomException;
import org.chatroom.room.RoomName;
import org.chatroom.room.RoomRegistry;
import org.chatroom.room.StoreException;
import org.chatroom.room.Transcript;
import org.chatroom.socket.Connections;

/** What an operator can do to running rooms; the MBean is its JMX face. */
@ApplicationScoped
public class Administration implements RoomsMXBean {

  private static final Logger LOG = Logger.getLogger(Administration.class.getName());

  private RoomRegistry registry;
  private Connections connections;
  private Statistics statistics;

  /** For CDI's proxy only. */
  protected Administration() {}

  @Inject
  public Administration(RoomRegistry registry, Connections connections, Statistics statistics) {
    this.registry = registry;
    this.connections = connections;
    this.statistics = statistics;
  }

  @Override
  public int getConnectionsOpen() {
    return statistics.snapshot().connectionsOpen();
  }

  @Override
  public int getRooms() {
    return statistics.snapshot().rooms();
  }

  @Override
  public int getUsersOnline() {
    return statistics.snapshot().usersOnline();
  }

  @Override
  public Map<String, Integer> getUsersPerRoom() {
    return statistics.snapshot().usersPerRoom();
  }

  @Override
  public long getMessagesRelayed() {
    return statistics.snapshot().messagesRelayed();
  }

  @Override
  public long getMessagesRefused() {
    return statistics.snapshot().messagesRefused();
  }

  @Override
  public int announce(String room, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("An announcement needs a text");
    }
    List<Room> rooms =
        room == null || room.isBlank() || room.strip().equals("*")
            ? registry.rooms()
            : registry.room(room).map(List::of).orElse(List.of());
    rooms.forEach(target -> target.announce(text));
    LOG.log(Level.INFO, "Announcement sent to {0} room(s)", rooms.size());
    return rooms.size();
  }

  @Override
  public boolean kick(String room, String nickname, String reason) {
    Optional<Member> member = registry.room(room).flatMap(target -> target.member(nickname));
    if (member.isEmpty()) {
      return false;
    }
    String why = reason == null || reason.isBlank() ? "Removed by an administrator" : reason;
    LOG.log(
        Level.INFO,
        "Kicking {0} from room {1}: {2}",
        // Escaped like the transcript: a reason with a line break must not forge a log line.
        new Object[] {member.get().nickname(), Transcript.escape(room), Transcript.escape(why)});
    return connections.close(
        member.get().connectionId(),
        "You were removed from the room by an administrator: " + why,
        new CloseReason(CloseCodes.VIOLATED_POLICY, ClosePhrase.of(why)));
  }

  @Override
  public int closeRoom(String room) {
    int closed =
        registry
            .room(room)
            .map(
                target ->
                    connections.closeRoom(
                        target.name().value(),
                        "This room was closed by an administrator.",
                        new CloseReason(CloseCodes.NORMAL_CLOSURE, "Room closed")))
            .orElse(0);
    LOG.log(Level.INFO, "Closed room {0}: {1} connection(s)", new Object[] {room, closed});
    return closed;
  }

  @Override
  public void clearHistory(String room) {
    try {
      registry.clearHistory(RoomName.parse(room));
    } catch (RoomException | StoreException e) {
      throw new IllegalStateException(e.getMessage());
    }
    LOG.log(Level.INFO, "Cleared the history of room {0}", room);
  }

  @Override
  public boolean deleteLine(String room, long id) {
    boolean deleted;
    try {
      deleted = registry.removeLine(RoomName.parse(room), id);
    } catch (RoomException | StoreException e) {
      throw new IllegalStateException(e.getMessage());
    }
    LOG.log(Level.INFO, "Line {0} of room {1} removed: {2}", new Object[] {id, room, deleted});
    return deleted;
  }
}
