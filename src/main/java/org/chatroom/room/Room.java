package org.chatroom.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;

/**
 * One chat room: who is in it, its recent lines, and the order of everything said in it.
 *
 * <p>A line is stored before anyone sees it: the store numbers it and reports it back in number
 * order, and only then does the room broadcast it. Each room has its own lock, held while a stored
 * line enters the recent lines and is queued for every member, and while a newcomer is replayed
 * what it missed and added: so every member gets the same order, and a newcomer exactly the lines
 * before the first one it then receives live. Sinks only queue, so the lock is never held across
 * network I/O; rooms never wait on each other. The store is read under the lock only to mend a gap
 * (a line stored while this room object was being made).
 *
 * <p>When servers share the database ({@link LineStore#shared}), a room's lines commit in the order
 * of their numbers whoever stores them, and each server's notice of its lines (which carries them)
 * reaches the others in that order. The room delivers a line when it is the next one, from this
 * server's writer or from another's notice; a line that comes before the ones ahead of it (the two
 * race) waits for them in {@link #ahead}, briefly: if they do not come, or a notice came without
 * its lines, the room reads the store ({@link #pullUntilCurrent}), whose answer is complete up to
 * its last line. Logins and logouts on other servers are always read from the store, and lines wait
 * while one announced is not read yet, so that each comes after the lines said before it.
 *
 * <p>In a room of more than {@link #PACED_ABOVE} members, logins and logouts are told at most once
 * per window ({@code chatroom.presence.window-ms}): the first at once, those that come within the
 * window after it together at its end, in one frame naming them all. A crowd filling a room of n
 * would otherwise cost n²/2 frames, every arrival one to every member, and the room's lock and
 * every member's queue would be touched n times per arrival; paced, each member gets a few frames a
 * second. Whatever the room sends meanwhile (a newcomer's first line) first tells what is waiting,
 * so the order holds; a newcomer is not told of those its own list already names.
 */
public final class Room {

  private static final Logger LOG = Logger.getLogger(Room.class.getName());

  /**
   * Rooms of at most this many members tell each login and logout at once: a frame per arrival
   * costs them little, and nobody waits for news of a friend.
   */
  static final int PACED_ABOVE = 100;

  /** Members per share of a broadcast's sending, when a big room's is split among threads. */
  private static final int FLUSH_CHUNK = 500;

  /** Shares a broadcast's sending is split into at most: one per fan-out thread. */
  private static final int FLUSH_PARTS = FanOut.THREADS;

  /** The most people one frame of logins or logouts names: a few tens of kilobytes. */
  static final int MAX_TOLD_TOGETHER = 1_000;

  /** Lines kept in memory beyond the history size, so that most catch-ups need no query. */
  private static final int RECENT_MIN = 200;

  /** Lines read from a shared store at once; a room further behind reads again. */
  private static final int PULL_MAX_LINES = 1_000;

  /**
   * How long lines ahead of a missing one wait for it before the room reads the store. The missing
   * line is on its way (another server's notice, or this server's writer) unless a notice was lost.
   */
  static final long GAP_WAIT_MILLIS = 250;

  private final RoomName name;
  private final RoomEncoder encoder;
  private final LineStore store;
  private final ChatSettings settings;
  private final Transcript transcript;
  private final Executor fanOut;

  /** Tells logins and logouts that waited, at the end of their window; null: none wait. */
  private final FanOut timer;

  private final long presenceWindowNanos;

  /** Logins and logouts waiting for the end of the window, oldest first; guarded by lock. */
  private final List<Untold> untold = new ArrayList<>();

  /** When the last frame of logins or logouts was queued ({@link System#nanoTime}). */
  private long presenceToldAt;

  /** Whether the timer will tell what waits; guarded by lock. */
  private boolean untoldDue;

  /** Reads the others' lines when servers share the store; null when this server is alone. */
  private final Pulls pulls;

  /** Who is in the room on every server; null when this server is alone. */
  private final MemberDirectory directory;

  /** Members on the other servers, by nickname key; empty when this server is alone. */
  private final Map<String, MemberDirectory.Remote> remote = new HashMap<>();

  /** The number of the last login or logout read from the directory. */
  private long lastEventId;

  /** The highest login or logout another server announced; lines wait until it is read. */
  private long eventWaiting = -1;

  /**
   * {@link #eventWaiting} when notices may have been missed (the listener was away): logins and
   * logouts nobody announced may be stored, so lines wait for a read that begins after this.
   */
  private static final long EVENTS_UNKNOWN = Long.MAX_VALUE;

  /**
   * Lines of a shared store that came before the one they follow, by number; guarded by {@link
   * #lock}. They are delivered as soon as the gap closes, or dropped once a read covered them.
   */
  private final java.util.TreeMap<Long, Line> ahead = new java.util.TreeMap<>();

  /** Whether a look at a gap in the lines is due; see {@link #GAP_WAIT_MILLIS}. */
  private final java.util.concurrent.atomic.AtomicBoolean gapWatched =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Asks for a read since the last one began; see {@link #pullWanted}. */
  private final AtomicInteger pullRequests = new AtomicInteger();

  /** One read of the others' lines at a time, outside {@link #lock}. */
  private final ReentrantLock pulling = new ReentrantLock();

  /** The highest last line another server announced for this room. */
  private final AtomicLong announced = new AtomicLong(-1);

  /**
   * The highest announced last line a completed read covered: lines at or below it that the room
   * does not have were removed, not late (a room emptied by an operator has no lines to read).
   */
  private volatile long readUpTo = -1;

  private final Object lock = new Object();
  private final Map<String, Member> members = new LinkedHashMap<>();

  /** The members' sinks, replaced (never changed) when someone joins or leaves. */
  private MessageSink[] roster = new MessageSink[0];

  /** The last stored lines, oldest first, numbered without a gap. */
  private final ArrayDeque<Line> recent = new ArrayDeque<>();

  private final int recentCapacity;

  /**
   * The recent lines as replayed to joiners, encoded once each and shared by every joiner: each
   * login would otherwise encode the same history again. Keyed by line id; it holds only ids of
   * {@link #recent}.
   */
  private final Map<Long, String> replayFrames = new HashMap<>();

  /** Lines an operator removed lately: a catch-up skips them rather than call them lost. */
  private final java.util.TreeSet<Long> removed = new java.util.TreeSet<>();

  /** The number of the last line this room knows of; -1 while it knows none. */
  private long lastId = -1;

  /** Connections open on this room's URL, logged in or not; guarded by the registry. */
  private int connections;

  /** A room with the lines the store already has for it. */
  Room(
      RoomName name,
      RoomEncoder encoder,
      LineStore store,
      ChatSettings settings,
      Transcript transcript,
      Executor fanOut) {
    this(name, encoder, store, settings, transcript, fanOut, null, null, null);
  }

  /**
   * A room shared with other servers: their lines are read by {@code pulls}, their members come
   * from {@code directory}; both null when this server is alone.
   */
  Room(
      RoomName name,
      RoomEncoder encoder,
      LineStore store,
      ChatSettings settings,
      Transcript transcript,
      FanOut fanOut,
      Pulls pulls,
      MemberDirectory directory) {
    this(name, encoder, store, settings, transcript, fanOut, fanOut, pulls, directory);
  }

  private Room(
      RoomName name,
      RoomEncoder encoder,
      LineStore store,
      ChatSettings settings,
      Transcript transcript,
      Executor fanOut,
      FanOut timer,
      Pulls pulls,
      MemberDirectory directory) {
    this.name = name;
    this.fanOut = fanOut;
    this.timer = timer;
    this.presenceWindowNanos = TimeUnit.MILLISECONDS.toNanos(settings.presenceWindowMillis());
    this.presenceToldAt = System.nanoTime() - presenceWindowNanos;
    this.pulls = pulls;
    this.directory = directory;
    this.encoder = encoder;
    this.store = store;
    this.settings = settings;
    this.transcript = transcript;
    this.recentCapacity = Math.max(settings.historySize(), RECENT_MIN);
    try {
      if (directory != null) {
        // Members first: a login after this snapshot is read as an event, none is missed.
        MemberDirectory.Snapshot members = directory.snapshot(name.value());
        members.others().forEach(other -> remote.put(LookAlikes.key(other.nickname()), other));
        lastEventId = members.lastEventId();
      }
      store.last(name.value(), recentCapacity).forEach(this::remember);
    } catch (StoreException e) {
      LOG.log(
          Level.WARNING,
          "Room {0}: its history could not be read: {1}",
          new Object[] {name, e.getMessage()});
    }
  }

  public RoomName name() {
    return name;
  }

  /** A connection's visit to this room, which may then log in. */
  public Visitor visit(MessageSink sink, String connectionId) {
    return new Visitor(this, sink, connectionId);
  }

  /**
   * Adds a member under the given nickname, replays the recent lines to it and tells the room.
   *
   * @param since the number of the last line the member saw, to catch up from; null for a newcomer
   * @throws RoomException if the nickname is invalid or taken; the caller may retry
   */
  Member join(
      String rawNickname, MessageSink sink, String connectionId, boolean wantsTyping, Long since)
      throws RoomException {
    Nickname nickname = Nickname.parse(rawNickname, settings.nicknameMaxLength());
    long joinedAt = System.currentTimeMillis();
    if (directory == null) {
      return joinHere(nickname, sink, connectionId, wantsTyping, since, joinedAt);
    }
    synchronized (lock) {
      if (members.containsKey(nickname.key()) || remote.containsKey(nickname.key())) {
        throw taken(nickname);
      }
    }
    directory.claim(name.value(), nickname.key(), nickname.display(), connectionId, joinedAt);
    try {
      // Now this room knows every login and line before this one, on every server: the others'
      // members for the user list, and the lines a client back from another server saw.
      pull();
      return joinHere(nickname, sink, connectionId, wantsTyping, since, joinedAt);
    } catch (RoomException | RuntimeException e) {
      directory.release(name.value(), nickname.key(), connectionId);
      throw e;
    }
  }

  private Member joinHere(
      Nickname nickname,
      MessageSink sink,
      String connectionId,
      boolean wantsTyping,
      Long since,
      long joinedAt)
      throws RoomException {
    List<Line> fetched = since == null ? null : fetchUnlessRecentCover(since);
    Member member;
    MessageSink[] recipients;
    synchronized (lock) {
      if (members.containsKey(nickname.key())) {
        throw taken(nickname);
      }
      Replay replay = since == null ? Replay.notRecovered(lastLines()) : catchUp(since, fetched);
      member = new Member(nickname, sink, connectionId, wantsTyping, joinedAt);
      members.put(nickname.key(), member);
      MessageSink[] grown = java.util.Arrays.copyOf(roster, roster.length + 1);
      grown[roster.length] = sink; // the members' order: who joined last comes last
      roster = grown;
      for (Line line : replay.lines()) {
        sink.enqueue(replayFrame(line));
      }
      Presence joined = presence(Presence.Change.JOINED, nickname);
      sink.enqueue(encoder.welcome(joined, userList(), since == null ? null : replay.recovered()));
      recipients = tell(joined, sink) ? roster : new MessageSink[] {sink};
    }
    flush(recipients);
    return member;
  }

  private static RoomException taken(Nickname nickname) {
    return new RoomException(
        Refusal.NICKNAME_TAKEN,
        "The nickname '" + nickname.display() + "' is taken in this room; pick another.");
  }

  /** Joins as a newcomer; for tests and tools. */
  public Member join(String rawNickname, MessageSink sink, String connectionId)
      throws RoomException {
    return join(rawNickname, sink, connectionId, false, null);
  }

  /**
   * Says a chat line in the member's name. It reaches everyone in the room, the member included,
   * once the store has kept it; if the store cannot, the member alone is told.
   *
   * @throws RoomException if the line is empty or too long, or the member has left
   */
  public void say(Member member, String text) throws RoomException {
    if (text == null || text.isBlank()) {
      throw new RoomException(Refusal.EMPTY_MESSAGE, "Empty lines are not sent.");
    }
    int max = settings.maxMessageLength();
    if (Names.length(text) > max) {
      throw new RoomException(
          Refusal.MESSAGE_TOO_LONG, "A line has at most " + max + " characters.");
    }
    if (Names.hasForbiddenTextCharacter(text)) {
      throw new RoomException(
          Refusal.INVALID_CHARACTER,
          "The line holds control characters or direction overrides; it was not sent.");
    }
    synchronized (lock) {
      requireMember(member);
      member.lineSaid(); // the line ends the typing: a notice right after it is news again
    }
    Line.Draft draft =
        new Line.Draft(name.value(), member.nickname().display(), text, System.currentTimeMillis());
    store.append(draft, this::stored, failure -> notStored(member, failure));
  }

  /** An operator's notice to everyone in the room, as a {@code system} frame. */
  public void announce(String text) {
    MessageSink[] recipients;
    synchronized (lock) {
      recipients = broadcast(encoder.announcement(name.value(), text));
    }
    flush(recipients);
  }

  /** The member of that nickname, under the uniqueness rules. */
  public Optional<Member> member(String nickname) {
    synchronized (lock) {
      for (Member member : members.values()) {
        if (member.nickname().isSameAs(nickname)) {
          return Optional.of(member);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Tells the others who asked for it that the member is typing, at most once per the typing
   * interval. Nothing is kept: a typing notice is not a line and never enters the history.
   */
  public void typing(Member member) throws RoomException {
    List<MessageSink> recipients;
    synchronized (lock) {
      requireMember(member);
      long interval = TimeUnit.MILLISECONDS.toNanos(settings.typingIntervalMillis());
      if (!member.mayRelayTyping(System.nanoTime(), interval)) {
        return; // one notice per interval says it all; the rest would cost every member a frame
      }
      recipients = queueTyping(member.nickname().display(), member);
    }
    recipients.forEach(MessageSink::flush);
    if (directory != null && !remote.isEmpty()) {
      directory.typing(name.value(), member.nickname().display());
    }
  }

  /** A member on another server is typing: told to this server's members who asked for it. */
  void remoteTyping(String nickname) {
    List<MessageSink> recipients;
    synchronized (lock) {
      if (!remote.containsKey(LookAlikes.key(nickname))) {
        return; // not (or no longer) a member of this room as far as this server knows
      }
      recipients = queueTyping(nickname, null);
    }
    recipients.forEach(MessageSink::flush);
  }

  /**
   * Queues the typing notice of {@code typist} for the members who asked for them, but {@code
   * except}; callers hold the lock and flush the sinks returned once it is released.
   */
  private List<MessageSink> queueTyping(String typist, Member except) {
    String frame = encoder.typing(name.value(), typist);
    List<MessageSink> recipients = new ArrayList<>();
    if (!untold.isEmpty()) {
      recipients.addAll(List.of(tellUntold())); // the typist's login before its typing
    }
    for (Member other : members.values()) {
      if (other != except && other.wantsTyping()) {
        other.sink().enqueue(frame);
        recipients.add(other.sink());
      }
    }
    return recipients;
  }

  /** The store forgot every line of this room. */
  void historyCleared() {
    synchronized (lock) {
      recent.clear();
      replayFrames.clear();
    }
  }

  /** The store removed a line: it leaves the recent lines, and every member is told. */
  void lineRemoved(long id) {
    MessageSink[] recipients;
    synchronized (lock) {
      recent.removeIf(line -> line.id() == id);
      replayFrames.remove(id);
      ahead.remove(id);
      removed.add(id);
      if (removed.size() > recentCapacity) {
        removed.remove(removed.first());
      }
      recipients = broadcast(encoder.removed(name.value(), id));
    }
    flush(recipients);
  }

  /** How many of its members are logged in on this server. */
  public int sizeHere() {
    synchronized (lock) {
      return members.size();
    }
  }

  /** How many members the room has now, on every server sharing it. */
  public int size() {
    synchronized (lock) {
      return members.size() + remote.size();
    }
  }

  /**
   * Takes the member out of the room and tells the others; a second call for the same member does
   * nothing, so a logout followed by a dropped connection is announced once.
   *
   * @return whether this call removed the member
   */
  public boolean leave(Member member) {
    MessageSink[] recipients;
    synchronized (lock) {
      if (!members.remove(member.nickname().key(), member)) {
        return false;
      }
      rebuildRoster();
      recipients =
          tell(presence(Presence.Change.LEFT, member.nickname()), null)
              ? roster
              : new MessageSink[0];
    }
    flush(recipients);
    if (directory != null) {
      directory.release(name.value(), member.nickname().key(), member.connectionId());
    }
    return true;
  }

  /** The nicknames in the room, in the order they joined. */
  public List<String> users() {
    synchronized (lock) {
      return userList();
    }
  }

  int connectionOpened() {
    return ++connections;
  }

  int connectionClosed() {
    return --connections;
  }

  /** A line the store kept: it joins the recent lines and goes to every member, in number order. */
  private void stored(Line line) {
    if (pulls != null) {
      storedShared(line);
      return;
    }
    MessageSink[] recipients;
    synchronized (lock) {
      if (line.id() <= lastId) {
        return; // read from the store when this room was made
      }
      for (Line missing : missingBefore(line)) {
        remember(missing);
        broadcast(encoder.line(missing, false));
      }
      remember(line);
      recipients = broadcast(encoder.line(line, false));
    }
    // The store reports lines on its one writer thread: the sending is left to the fan-out's.
    flushLater(recipients);
    transcript.record(line);
  }

  /**
   * A line of this server's when servers share the store: delivered at once if it is the next one,
   * else after the others' lines before it, which a read fetches (with this line: it is committed).
   * The store's writer thread never waits for a read.
   */
  private void storedShared(Line line) {
    deliverInOrder(List.of(line));
    transcript.record(line); // each server records its own members' lines
  }

  /**
   * Lines another server stored, from its notice: delivered like this server's own, in number order
   * (see the class comment).
   */
  void offered(List<Line> lines) {
    if (pulls != null) {
      deliverInOrder(lines);
    }
  }

  /** Delivers the lines that are next; the others wait for the ones before them. */
  private void deliverInOrder(List<Line> lines) {
    MessageSink[] recipients;
    boolean readNow;
    synchronized (lock) {
      for (Line line : lines) {
        if (line.id() > lastId) {
          ahead.put(line.id(), line);
        }
      }
      recipients = deliverAhead();
      // A room that knows no line yet cannot tell a gap from history it never had.
      readNow = !ahead.isEmpty() && lastId < 0;
    }
    if (recipients != null) {
      flushLater(recipients);
    }
    if (readNow) {
      pulls.request(this);
    } else {
      watchGap();
    }
  }

  /**
   * Delivers the lines waiting that follow the last one delivered, unless a login or logout must
   * come first; callers hold the lock.
   *
   * @return the sinks to flush, or null if nothing was delivered
   */
  private MessageSink[] deliverAhead() {
    boolean delivered = false;
    Map.Entry<Long, Line> next;
    while ((next = ahead.firstEntry()) != null) {
      if (next.getKey() <= lastId) {
        ahead.pollFirstEntry(); // a read delivered it
      } else if (next.getKey() == Math.max(lastId, 0) + 1 && eventWaiting <= lastEventId) {
        ahead.pollFirstEntry();
        remember(next.getValue());
        broadcast(encoder.line(next.getValue(), false));
        delivered = true;
      } else {
        break;
      }
    }
    return delivered ? roster : null;
  }

  /** Has the room look again shortly if lines are waiting; once per wait. */
  private void watchGap() {
    boolean waiting;
    synchronized (lock) {
      waiting = !ahead.isEmpty();
    }
    if (waiting && gapWatched.compareAndSet(false, true)) {
      pulls.requestLater(this, GAP_WAIT_MILLIS);
    }
  }

  /** The wait is over: lines still waiting are read from the store, with whatever they lack. */
  void gapWaited() {
    gapWatched.set(false);
    boolean waiting;
    synchronized (lock) {
      waiting = !ahead.isEmpty();
    }
    if (waiting) {
      pulls.request(this);
    }
  }

  /**
   * Asks for a read of the others' lines; the caller runs {@link #pullUntilCurrent} if true. Asks
   * that come while one runs make it read once more.
   */
  boolean pullWanted() {
    return pullRequests.getAndIncrement() == 0;
  }

  /** The read asked for could not be run. */
  void pullDropped() {
    pullRequests.set(0);
  }

  /** Reads until no ask came in during the last read. */
  void pullUntilCurrent() {
    int seen;
    do {
      seen = pullRequests.get();
      pull();
    } while (!pullRequests.compareAndSet(seen, 0));
  }

  /**
   * Claims this server's members' nicknames again, after the other servers took it for dead while
   * it was cut off from the database. A member whose nickname someone else took meanwhile is told
   * and taken out of the room; its connection stays, to log in again.
   */
  void reclaimMembers() {
    if (directory == null) {
      return;
    }
    List<Member> here;
    synchronized (lock) {
      here = new ArrayList<>(members.values());
    }
    for (Member member : here) {
      Nickname nickname = member.nickname();
      try {
        directory.claim(
            name.value(),
            nickname.key(),
            nickname.display(),
            member.connectionId(),
            member.joinedAt());
      } catch (RoomException e) {
        if (e.reason() != Refusal.NICKNAME_TAKEN) {
          return; // still cut off: the next heartbeat tries again
        }
        member
            .sink()
            .enqueue(
                encoder.refusal(
                    Refusal.NICKNAME_TAKEN,
                    "Your nickname was taken while this server was cut off from the others; log"
                        + " in again with another."));
        leave(member);
        member.sink().flush(); // out of the roster now: the room's flush no longer reaches it
      }
    }
  }

  /** A login or logout numbered {@code eventId} happened on another server. */
  void eventAnnounced(long eventId) {
    boolean current;
    synchronized (lock) {
      current = lastEventId >= eventId;
      if (!current) {
        eventWaiting = Math.max(eventWaiting, eventId);
      }
    }
    if (!current && pulls != null) {
      pulls.request(this);
    }
  }

  /**
   * Notices of this room may have been lost (the listener was away from the database): it reads
   * what the others stored, and until that read the lines another server's notice brings wait, so
   * that none comes before a login no notice announced.
   */
  void resync() {
    if (pulls == null) {
      return;
    }
    synchronized (lock) {
      eventWaiting = EVENTS_UNKNOWN;
    }
    announced(-1);
  }

  /**
   * Another server stored this room's lines up to {@code lastLine} (or -1: maybe some): the room
   * reads them unless it has them already.
   */
  void announced(long lastLine) {
    if (pulls == null) {
      return;
    }
    announced.accumulateAndGet(lastLine, Math::max);
    boolean current;
    synchronized (lock) {
      current = lastLine >= 0 && Math.max(lastId, readUpTo) >= lastLine;
    }
    if (!current) {
      pulls.request(this);
    }
  }

  /**
   * Reads and delivers the lines stored after the last one this room has, by whichever server. A
   * read's lines are complete up to its last (see the class comment), so they are delivered as they
   * come; holes among them are lines an operator removed.
   */
  private void pull() {
    pulling.lock();
    try {
      long target = announced.get();
      long eventsAnnounced;
      synchronized (lock) {
        eventsAnnounced = eventWaiting;
      }
      List<Line> lines;
      List<MemberDirectory.Event> events;
      do {
        long fromLine;
        long fromEvent;
        synchronized (lock) {
          fromLine = lastId;
          fromEvent = lastEventId;
        }
        // Events after lines: an event missing from this read of lines is read next time.
        lines = store.after(name.value(), Math.max(fromLine, 0), PULL_MAX_LINES);
        events =
            directory == null
                ? List.of()
                : directory.after(name.value(), fromEvent, PULL_MAX_LINES);
        MessageSink[] recipients;
        synchronized (lock) {
          recipients = deliver(lines, events);
        }
        flush(recipients);
      } while (lines.size() == PULL_MAX_LINES || events.size() == PULL_MAX_LINES);
      readUpTo = Math.max(readUpTo, target);
      MessageSink[] recipients;
      synchronized (lock) {
        // Every login and logout announced before this read is delivered, or gone from the
        // directory: the lines waiting for them go on.
        if (eventWaiting <= eventsAnnounced) {
          eventWaiting = -1;
        }
        recipients = deliverAhead();
      }
      if (recipients != null) {
        flush(recipients);
      }
    } catch (StoreException e) {
      // The next notification, or the listener's poll, asks again.
      LOG.log(
          Level.WARNING,
          "Room {0}: other servers'' lines could not be read: {1}",
          new Object[] {name, e.getMessage()});
    } finally {
      pulling.unlock();
      watchGap();
    }
  }

  /**
   * Delivers what a read found, each login or logout after the lines said before it; callers hold
   * the lock. This server's own logins and logouts were told when they happened: they are only
   * counted.
   */
  private MessageSink[] deliver(List<Line> lines, List<MemberDirectory.Event> events) {
    int nextEvent = 0;
    for (Line line : lines) {
      while (nextEvent < events.size() && events.get(nextEvent).afterLine() < line.id()) {
        apply(events.get(nextEvent++));
      }
      if (line.id() > lastId) {
        remember(line);
        broadcast(encoder.line(line, false));
      }
    }
    while (nextEvent < events.size()) {
      apply(events.get(nextEvent++));
    }
    deliverAhead();
    return roster;
  }

  private void apply(MemberDirectory.Event event) {
    if (event.id() <= lastEventId) {
      return;
    }
    lastEventId = event.id();
    if (event.nodeId().equals(directory.nodeId())) {
      return;
    }
    String key = LookAlikes.key(event.nickname());
    if (event.joined()) {
      remote.put(key, new MemberDirectory.Remote(event.nickname(), event.nodeId(), event.at()));
    } else if (remote.remove(key) == null) {
      return; // a logout of someone this room never saw come in: nobody to tell
    }
    Presence.Change change = event.joined() ? Presence.Change.JOINED : Presence.Change.LEFT;
    tell(new Presence(change, name.value(), event.nickname(), event.at()), null);
  }

  private void notStored(Member member, StoreException failure) {
    LOG.log(
        Level.WARNING,
        "Room {0}: a line of connection {1} could not be stored and was not sent: {2}",
        new Object[] {name, member.connectionId(), failure.getMessage()});
    member
        .sink()
        .enqueue(
            encoder.refusal(
                Refusal.STORE_UNAVAILABLE,
                "Your line could not be saved, so nobody received it. Try again in a moment."));
    member.sink().flush();
  }

  /**
   * Lines stored before this one that the room never heard of: a store reports each line to the
   * room object that said it, and this room object may be newer than the one that did.
   */
  private List<Line> missingBefore(Line line) {
    if (lastId < 0 || line.id() == lastId + 1) {
      return List.of();
    }
    try {
      return store.after(name.value(), lastId, (int) Math.min(line.id() - lastId - 1, 10_000));
    } catch (StoreException e) {
      LOG.log(
          Level.WARNING,
          "Room {0}: lines before {1} could not be read: {2}",
          new Object[] {name, line.id(), e.getMessage()});
      return List.of();
    }
  }

  /** The lines after {@code since} from the store, unless the recent lines have them all. */
  private List<Line> fetchUnlessRecentCover(long since) {
    synchronized (lock) {
      if (recentCover(since)) {
        return null;
      }
    }
    try {
      return store.after(name.value(), since, settings.recoveryMaxLines() + 1);
    } catch (StoreException e) {
      LOG.log(
          Level.WARNING,
          "Room {0}: a catch-up could not be read: {1}",
          new Object[] {name, e.getMessage()});
      return null;
    }
  }

  private boolean recentCover(long since) {
    return since >= lastId || (!recent.isEmpty() && since >= recent.peekFirst().id() - 1);
  }

  /**
   * What a member that saw everything up to {@code since} gets: exactly the lines after it, or, if
   * that cannot be done (too many, or some are gone), the last lines as for a newcomer.
   */
  private Replay catchUp(long since, List<Line> fetched) {
    if (since > Math.max(lastId, 0)) {
      return Replay.notRecovered(lastLines()); // a line this room never had: history was reset
    }
    List<Line> lines = new ArrayList<>();
    long next = since + 1;
    if (fetched == null && !recentCover(since)) {
      return Replay.notRecovered(lastLines());
    }
    for (Line line : fetched == null ? List.<Line>of() : fetched) {
      next = skipRemoved(next);
      if (line.id() != next) {
        return Replay.notRecovered(lastLines());
      }
      lines.add(line);
      next++;
    }
    for (Line line : recent) {
      next = skipRemoved(next);
      if (line.id() >= next) {
        if (line.id() != next) {
          return Replay.notRecovered(lastLines());
        }
        lines.add(line);
        next++;
      }
    }
    next = skipRemoved(next);
    if (lines.size() > settings.recoveryMaxLines()
        || next != Math.max(lastId, 0) + 1
        || !fitsHalfAnOutbox(lines)) {
      return Replay.notRecovered(lastLines());
    }
    return new Replay(lines, true);
  }

  /**
   * Whether a catch-up leaves room in the member's outbox: one that fills it would disconnect the
   * member as too slow before it could read a line, and then again on every reconnect.
   */
  private boolean fitsHalfAnOutbox(List<Line> lines) {
    long bytes = 0;
    for (Line line : lines) {
      bytes += 2L * (line.text().length() + line.nickname().length() + 128);
    }
    return bytes <= settings.outboxMaxBytes() / 2;
  }

  private long skipRemoved(long id) {
    while (removed.contains(id)) {
      id++;
    }
    return id;
  }

  /** The last lines for a newcomer: the history size, or fewer if they would not fit. */
  private List<Line> lastLines() {
    List<Line> all = new ArrayList<>(recent);
    int from = Math.max(0, all.size() - settings.historySize());
    while (from < all.size() && !fitsHalfAnOutbox(all.subList(from, all.size()))) {
      from++;
    }
    return all.subList(from, all.size());
  }

  private void remember(Line line) {
    recent.addLast(line);
    if (recent.size() > recentCapacity) {
      replayFrames.remove(recent.removeFirst().id());
    }
    lastId = line.id();
  }

  /** The line as replayed to a joiner: encoded once if it is a recent line. */
  private String replayFrame(Line line) {
    if (recent.isEmpty() || line.id() < recent.peekFirst().id()) {
      return encoder.line(line, true); // an older line fetched for a long catch-up
    }
    return replayFrames.computeIfAbsent(line.id(), id -> encoder.line(line, true));
  }

  private void requireMember(Member member) throws RoomException {
    if (members.get(member.nickname().key()) != member) {
      throw new RoomException(Refusal.NOT_LOGGED_IN, "Log in before you chat.");
    }
  }

  private Presence presence(Presence.Change change, Nickname who) {
    return new Presence(change, name.value(), who.display(), System.currentTimeMillis());
  }

  private List<String> userList() {
    if (remote.isEmpty()) {
      List<String> users = new ArrayList<>(members.size());
      for (Member member : members.values()) {
        users.add(member.nickname().display());
      }
      return users;
    }
    // Every server lists the room in the same order: by login time, then name.
    List<MemberDirectory.Remote> everyone = new ArrayList<>(remote.values());
    for (Member member : members.values()) {
      everyone.add(
          new MemberDirectory.Remote(member.nickname().display(), null, member.joinedAt()));
    }
    everyone.sort(
        java.util.Comparator.comparingLong(MemberDirectory.Remote::joinedAt)
            .thenComparing(MemberDirectory.Remote::nickname));
    List<String> users = new ArrayList<>(everyone.size());
    everyone.forEach(one -> users.add(one.nickname()));
    return users;
  }

  private void rebuildRoster() {
    roster = members.values().stream().map(Member::sink).toArray(MessageSink[]::new);
  }

  /**
   * Queues the same text for every member; callers hold the lock.
   *
   * @return the sinks to flush once the lock is released
   */
  private MessageSink[] broadcast(String frame) {
    if (!untold.isEmpty()) {
      tellUntold(); // what waits comes first: a newcomer's login before its line
    }
    MessageSink[] recipients = roster;
    for (MessageSink sink : recipients) {
      sink.enqueue(frame);
    }
    return recipients;
  }

  /**
   * Queues a login or logout for every member but the newcomer it is about ({@code joiner}, this
   * server's, or null), now or at the end of the window (see the class comment); callers hold the
   * lock.
   *
   * @return whether it was queued now, so that the roster is to be flushed
   */
  private boolean tell(Presence change, MessageSink joiner) {
    long now = System.nanoTime();
    boolean paced = timer != null && presenceWindowNanos > 0 && roster.length > PACED_ABOVE;
    if (untold.isEmpty() && (!paced || now - presenceToldAt >= presenceWindowNanos)) {
      presenceToldAt = now;
      String frame = encoder.presence(change);
      for (MessageSink sink : roster) {
        if (sink != joiner) {
          sink.enqueue(frame);
        }
      }
      return true;
    }
    untold.add(new Untold(change, joiner));
    if (!paced || untold.size() >= MAX_TOLD_TOGETHER) {
      tellUntold();
      return true;
    }
    if (!untoldDue) {
      untoldDue = true;
      long wait = presenceToldAt + presenceWindowNanos - now;
      timer.later(TimeUnit.NANOSECONDS.toMillis(Math.max(wait, 0)) + 1, this::windowOver);
    }
    return false;
  }

  /** The window is over: what waited is told now. */
  private void windowOver() {
    MessageSink[] recipients;
    synchronized (lock) {
      untoldDue = false;
      if (untold.isEmpty()) {
        return;
      }
      recipients = tellUntold();
    }
    flushLater(recipients);
  }

  /**
   * Queues what waited for every member: each run of logins, or of logouts, in one frame; a member
   * that came in the window only what came after it. Callers hold the lock.
   *
   * @return the sinks to flush once the lock is released
   */
  private MessageSink[] tellUntold() {
    Map<MessageSink, Integer> joinedAt = new java.util.IdentityHashMap<>();
    for (int i = 0; i < untold.size(); i++) {
      if (untold.get(i).joiner() != null) {
        joinedAt.put(untold.get(i).joiner(), i);
      }
    }
    int from = 0;
    while (from < untold.size()) {
      Presence.Change kind = untold.get(from).change().change();
      int to = from + 1;
      while (to < untold.size() && untold.get(to).change().change() == kind) {
        to++;
      }
      tellRun(from, to, joinedAt);
      from = to;
    }
    untold.clear();
    presenceToldAt = System.nanoTime();
    return roster;
  }

  /** Queues {@code untold[from, to)}, all of one kind, for every member that lacks it. */
  private void tellRun(int from, int to, Map<MessageSink, Integer> joinedAt) {
    Map<Integer, String> frames = new HashMap<>();
    for (MessageSink sink : roster) {
      Integer joined = joinedAt.get(sink);
      // A newcomer of the window was told in its own list of everyone before it.
      int first = joined == null || joined < from ? from : joined + 1;
      if (first < to) {
        sink.enqueue(frames.computeIfAbsent(first, start -> presenceFrame(start, to)));
      }
    }
  }

  private String presenceFrame(int from, int to) {
    List<Presence> changes = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      changes.add(untold.get(i).change());
    }
    return encoder.presence(changes);
  }

  /** A login or logout not told yet, and the sink of the newcomer it is about, if this server's. */
  private record Untold(Presence change, MessageSink joiner) {}

  /**
   * Flushes on the fan-out threads; a big room's members split among them, so that a line's last
   * recipient of 10,000 does not wait for the other 9,999 to be sent to on one thread.
   */
  private void flushLater(MessageSink[] recipients) {
    int parts = Math.min(FLUSH_PARTS, (recipients.length + FLUSH_CHUNK - 1) / FLUSH_CHUNK);
    if (parts <= 1) {
      fanOut.execute(() -> flush(recipients));
      return;
    }
    int size = (recipients.length + parts - 1) / parts;
    for (int from = 0; from < recipients.length; from += size) {
      int start = from;
      int end = Math.min(recipients.length, from + size);
      fanOut.execute(() -> flush(recipients, start, end));
    }
  }

  private static void flush(MessageSink[] recipients) {
    flush(recipients, 0, recipients.length);
  }

  private static void flush(MessageSink[] recipients, int from, int to) {
    for (int i = from; i < to; i++) {
      recipients[i].flush();
    }
  }

  /** The lines a joining member is sent first, and whether they are exactly the ones it missed. */
  private record Replay(List<Line> lines, boolean recovered) {
    /** The last lines, as for a newcomer: a login without since, or a catch-up that cannot be. */
    static Replay notRecovered(List<Line> lines) {
      return new Replay(lines, false);
    }
  }
}
