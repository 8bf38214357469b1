package org.chatroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.cluster.ClusterCommands;
import org.chatroom.protocol.ChatMessage;
import org.chatroom.protocol.NoticeCode;
import org.chatroom.room.Member;
import org.chatroom.room.MemberDirectory;
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

  /**
   * A kick's reason when the operator gave none. Other servers are sent the reason with this filled
   * in, as servers of earlier versions expect, so it is recognised here to leave the notice's
   * {@code reason} out rather than hand clients English to show inside a translation.
   */
  private static final String NO_REASON = "Removed by an administrator";

  private RoomRegistry registry;
  private Connections connections;
  private Statistics statistics;
  private ClusterCommands commands;

  /** For CDI's proxy only. */
  protected Administration() {}

  @Inject
  public Administration(
      RoomRegistry registry,
      Connections connections,
      Statistics statistics,
      ClusterCommands commands) {
    this.commands = commands;
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
  public int getNodesAlive() {
    return statistics.snapshot().nodesAlive();
  }

  @Override
  public int announce(String room, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("An announcement needs a text");
    }
    String only = room == null || room.isBlank() || room.strip().equals("*") ? null : room;
    int here = announceHere(only, text);
    if (!commands.active()) {
      LOG.log(Level.INFO, "Announcement sent to {0} room(s)", here);
      return here;
    }
    String target = only == null ? null : canonical(only);
    issue("announce", target, null, null, 0, text);
    int reached = roomWide(directory -> directory.roomsWithMembers(target), here);
    LOG.log(Level.INFO, "Announcement sent to {0} room(s) on every server", reached);
    return reached;
  }

  private int announceHere(String room, String text) {
    List<Room> rooms =
        room == null ? registry.rooms() : registry.room(room).map(List::of).orElse(List.of());
    rooms.forEach(target -> target.announce(text));
    return rooms.size();
  }

  @Override
  public boolean kick(String room, String nickname, String reason) {
    String why = reason == null || reason.isBlank() ? NO_REASON : reason;
    Optional<Member> member = registry.room(room).flatMap(target -> target.member(nickname));
    if (member.isPresent()) {
      logKick(member.get().nickname().display(), room, why);
      return kickHere(member.get().connectionId(), why);
    }
    if (!commands.active()) {
      return false;
    }
    Optional<MemberDirectory.Seat> seat;
    try {
      seat = registry.seatAnywhere(room, nickname);
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage());
    }
    if (seat.isEmpty()) {
      return false;
    }
    logKick(nickname, room, why);
    issue("kick", canonical(room), seat.get().nodeId(), seat.get().connectionId(), 0, why);
    return true;
  }

  private static void logKick(String nickname, String room, String why) {
    LOG.log(
        Level.INFO,
        "Kicking {0} from room {1}: {2}",
        // Escaped like the transcript: a reason with a line break must not forge a log line.
        new Object[] {
          Transcript.escape(nickname), Transcript.escape(room), Transcript.escape(why)
        });
  }

  private boolean kickHere(String connectionId, String why) {
    return connections.close(
        connectionId,
        ChatMessage.kicked(
            "You were removed from the room by an administrator: " + why,
            NO_REASON.equals(why) ? null : why),
        new CloseReason(CloseCodes.VIOLATED_POLICY, ClosePhrase.of(why)));
  }

  @Override
  public int closeRoom(String room) {
    int elsewhere = 0;
    if (commands.active()) {
      String target = canonical(room);
      elsewhere = roomWide(directory -> directory.membersElsewhere(target), 0);
      issue("close", target, null, null, 0, null);
    }
    int closed = closeRoomHere(room);
    LOG.log(
        Level.INFO,
        "Closed room {0}: {1} connection(s) here, {2} member(s) on other servers",
        new Object[] {room, closed, elsewhere});
    return closed + elsewhere;
  }

  private int closeRoomHere(String room) {
    return registry
        .room(room)
        .map(
            target ->
                connections.closeRoom(
                    target.name().value(),
                    roomClosed(target.name().value()),
                    new CloseReason(CloseCodes.NORMAL_CLOSURE, "Room closed")))
        .orElse(0);
  }

  private static ChatMessage roomClosed(String room) {
    ChatMessage notice =
        ChatMessage.notice(NoticeCode.ROOM_CLOSED, "This room was closed by an administrator.");
    notice.setRoom(room);
    return notice;
  }

  @Override
  public void clearHistory(String room) {
    try {
      registry.clearHistory(RoomName.parse(room));
    } catch (RoomException | StoreException e) {
      throw new IllegalStateException(e.getMessage());
    }
    if (commands.active()) {
      issue("clear", canonical(room), null, null, 0, null);
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
    if (deleted && commands.active()) {
      issue("delete", canonical(room), null, null, id, null);
    }
    LOG.log(Level.INFO, "Line {0} of room {1} removed: {2}", new Object[] {id, room, deleted});
    return deleted;
  }

  /** Runs here what an operator attached to another server asked of every server (or this one). */
  public void run(ClusterCommands.Command command) {
    try {
      switch (command.kind()) {
        case "announce" -> announceHere(command.room(), command.text());
        case "kick" -> kickHere(command.connectionId(), command.text());
        case "close" -> closeRoomHere(command.room());
        case "clear" -> registry.historyCleared(RoomName.parse(command.room()));
        case "delete" -> registry.lineRemoved(RoomName.parse(command.room()), command.lineId());
        default -> LOG.log(Level.FINE, "An unknown command: {0}", command.kind());
      }
    } catch (RoomException e) {
      LOG.log(Level.FINE, "A command for a room that cannot exist: {0}", command.room());
    }
  }

  private void issue(
      String kind, String room, String targetNode, String connectionId, long lineId, String text) {
    try {
      commands.issue(kind, room, targetNode, connectionId, lineId, text);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Done on this server only; the other servers could not be told: " + e.getMessage());
    }
  }

  /** A figure over every server from the member directory, or {@code fallback} if it is down. */
  private int roomWide(DirectoryFigure figure, int fallback) {
    try {
      Optional<MemberDirectory> directory = registry.directory();
      return directory.isPresent() ? figure.of(directory.get()) : fallback;
    } catch (StoreException e) {
      return fallback;
    }
  }

  private interface DirectoryFigure {
    int of(MemberDirectory directory) throws StoreException;
  }

  /** The room's name as stored, so that every server finds it; the name as given if invalid. */
  private static String canonical(String room) {
    try {
      return RoomName.parse(room).value();
    } catch (RoomException e) {
      return room;
    }
  }
}
