package org.chatroom.room;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chatroom.platform.ChatSettings;

/**
 * All open rooms of this server. A room exists while at least one connection is open on its URL;
 * when the last one closes it is dropped, and made again from the store's lines when someone comes
 * back.
 *
 * <p>Opening and closing a connection touch only the map entry of that room (per-key locking of
 * {@link ConcurrentHashMap#compute}), so busy rooms never wait on each other.
 */
@ApplicationScoped
public class RoomRegistry {

  private final ConcurrentHashMap<RoomName, Room> rooms = new ConcurrentHashMap<>();
  private ChatSettings settings;
  private RoomEncoder encoder;
  private LineStore store;
  private Transcript transcript;
  private FanOut fanOut;
  private MemberDirectory directory;

  /** Reads of other servers' lines, when servers share the store; made with the first room. */
  private Pulls pulls;

  private boolean pullsChecked;

  /** For CDI's proxy only. */
  protected RoomRegistry() {}

  /** Rooms of this server alone. */
  public RoomRegistry(
      ChatSettings settings, RoomEncoder encoder, LineStore store, Transcript transcript) {
    this(settings, encoder, store, transcript, null);
  }

  /**
   * Rooms shared with the other servers on the store when it is shared, through the directory of
   * their members.
   */
  @Inject
  public RoomRegistry(
      ChatSettings settings,
      RoomEncoder encoder,
      LineStore store,
      Transcript transcript,
      MemberDirectory directory) {
    this.directory = directory;
    this.settings = settings;
    this.encoder = encoder;
    this.store = store;
    this.transcript = transcript;
    this.fanOut = new FanOut();
  }

  /** Its threads end with the application. */
  @PreDestroy
  public void stop() {
    Pulls started;
    synchronized (this) {
      started = pulls;
      pullsChecked = true; // none made from now on
    }
    if (started != null) {
      started.stop();
    }
    fanOut.stop();
  }

  /**
   * Another server stored lines of the room up to {@code lastId}: the room reads them if it is open
   * here and does not have them yet.
   */
  public void wake(String room, long lastId) {
    room(room).ifPresent(open -> open.announced(lastId));
  }

  /** Another server stored these lines of the room and told them: an open room delivers them. */
  public void offer(String room, List<Line> lines) {
    room(room).ifPresent(open -> open.offered(lines));
  }

  /**
   * Where the member of that nickname is, on whichever server sharing the rooms; empty when this
   * server is alone (its rooms know their members) or nobody has the name.
   */
  public Optional<MemberDirectory.Seat> seatAnywhere(String room, String nickname)
      throws StoreException {
    if (pulls() == null) {
      return Optional.empty();
    }
    try {
      return directory.seat(
          RoomName.parse(room).value(),
          Nickname.parse(nickname, settings.nicknameMaxLength()).key());
    } catch (RoomException e) {
      return Optional.empty(); // no such room or nickname can exist
    }
  }

  /** The directory of members on every server, when rooms are shared; else empty. */
  public Optional<MemberDirectory> directory() {
    return pulls() == null ? Optional.empty() : Optional.of(directory);
  }

  /**
   * The store forgot the room's lines (here, or by another server's operator): the open room here
   * forgets them too.
   */
  public void historyCleared(RoomName name) {
    Room open = rooms.get(name);
    if (open != null) {
      open.historyCleared();
    }
  }

  /**
   * The store lost one line (here, or by another server's operator): the room's members are told.
   */
  public void lineRemoved(RoomName name, long id) {
    Room open = rooms.get(name);
    if (open != null) {
      open.lineRemoved(id);
    }
  }

  /** A member of the room on another server is typing. */
  public void remoteTyping(String room, String nickname) {
    room(room).ifPresent(open -> open.remoteTyping(nickname));
  }

  /** Claims every member's nickname again; see {@link Room#reclaimMembers}. */
  public void reclaimMembers() {
    rooms.values().forEach(Room::reclaimMembers);
  }

  /** Another server recorded a login or logout of the room, numbered {@code eventId}. */
  public void wakeForEvent(String room, long eventId) {
    room(room).ifPresent(open -> open.eventAnnounced(eventId));
  }

  /** Every open room reads what other servers stored; after notifications may have been missed. */
  public void wakeAll() {
    rooms.values().forEach(Room::resync);
  }

  /** The names of the rooms open here, for a poll of which are behind. */
  public List<String> openRoomNames() {
    return rooms.keySet().stream().map(RoomName::value).collect(Collectors.toList());
  }

  /** The room for a newly opened connection, created if it is the first one. */
  public Room enter(RoomName name) {
    // A new room reads its lines from the store: do that outside the map's lock when possible.
    Room made = rooms.containsKey(name) ? null : newRoom(name);
    return rooms.compute(
        name,
        (key, room) -> {
          Room entered = room != null ? room : made != null ? made : newRoom(key);
          entered.connectionOpened();
          return entered;
        });
  }

  /**
   * Refuses a name that would be read as the name of another room open right now ({@code c1ass}
   * while {@code class} has people), so that a link to it cannot pass for an invitation to that
   * room. An open room is always let in: its name was let in when it opened. Call it before {@link
   * #enter}.
   *
   * @throws RoomException {@link Refusal#ROOM_INVALID}, naming the room it looks like
   */
  public void refuseLookAlike(RoomName name) throws RoomException {
    if (rooms.containsKey(name)) {
      return;
    }
    for (RoomName open : rooms.keySet()) {
      if (name.looksLike(open)) {
        throw new RoomException(
            Refusal.ROOM_INVALID,
            "This room name looks like #"
                + open
                + "; check the link, or choose a name that reads differently.");
      }
    }
  }

  /** Called once when a connection that {@link #enter entered} the room closes. */
  public void exit(Room room) {
    rooms.computeIfPresent(
        room.name(),
        (key, current) -> current == room && room.connectionClosed() == 0 ? null : current);
  }

  public List<Room> rooms() {
    return new ArrayList<>(rooms.values());
  }

  /** The open room of that name, if any. */
  public Optional<Room> room(String name) {
    try {
      return Optional.ofNullable(rooms.get(RoomName.parse(name)));
    } catch (RoomException e) {
      return Optional.empty();
    }
  }

  /** Forgets the room's lines, whether or not anyone is in it. */
  public void clearHistory(RoomName name) throws StoreException {
    store.clear(name.value());
    historyCleared(name);
  }

  /** Removes one line; the room's members are told, if anyone is in it. */
  public boolean removeLine(RoomName name, long id) throws StoreException {
    if (!store.delete(name.value(), id)) {
      return false;
    }
    lineRemoved(name, id);
    return true;
  }

  /** Rooms with people in them, the busiest first, at most {@code limit}. */
  public List<RoomSummary> activeRooms(int limit) {
    return busiestFirst(rooms.values().stream(), limit);
  }

  /** Of the rooms named, those with people in them, the busiest first, at most {@code limit}. */
  public List<RoomSummary> activeRooms(List<String> names, int limit) {
    // "Lobby, lobby" name one room; rooms are compared as objects.
    return busiestFirst(names.stream().flatMap(name -> room(name).stream()).distinct(), limit);
  }

  private static List<RoomSummary> busiestFirst(Stream<Room> candidates, int limit) {
    return candidates
        .map(room -> new RoomSummary(room.name().value(), room.size()))
        .filter(summary -> summary.users() > 0)
        .sorted(
            Comparator.comparingInt(RoomSummary::users).reversed().thenComparing(RoomSummary::name))
        .limit(limit)
        .collect(Collectors.toList());
  }

  private Room newRoom(RoomName name) {
    Pulls shared = pulls();
    return new Room(
        name,
        encoder,
        store,
        settings,
        transcript,
        fanOut,
        shared,
        shared == null ? null : directory);
  }

  /**
   * The store is asked once whether it is shared (it opens its database then, not at injection).
   */
  private synchronized Pulls pulls() {
    if (!pullsChecked) {
      pullsChecked = true;
      if (store.shared() && directory != null) {
        pulls = new Pulls();
      }
    }
    return pulls;
  }
}
