package org.chatroom.socket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.guard.AddressLimit;
import org.chatroom.guard.ConnectionLimit;
import org.chatroom.guard.TokenBucket;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.Meters;
import org.chatroom.protocol.ChatMessage;
import org.chatroom.protocol.ErrorCode;
import org.chatroom.protocol.Frames;
import org.chatroom.protocol.InvalidFrameException;
import org.chatroom.protocol.MessageType;
import org.chatroom.room.Member;
import org.chatroom.room.Room;
import org.chatroom.room.RoomException;
import org.chatroom.room.RoomName;
import org.chatroom.room.RoomRegistry;
import org.chatroom.room.Visitor;

/**
 * One connection to a room at {@code /chat/{room}}. It opens, decodes, dispatches each frame by
 * type to the room and closes; the room decides who may say what. Every frame to the client goes
 * through the connection's {@link Outbox}, one send at a time. Every refusal is answered with a
 * {@code system} frame and leaves the connection usable, unless it says it closes.
 */
@ServerEndpoint(value = "/chat/{room}", configurator = CdiEndpointConfigurator.class)
public class ChatEndpoint {

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  @Inject RoomRegistry registry;
  @Inject Frames frames;
  @Inject SessionCloser closer;
  @Inject Heartbeat heartbeat;
  @Inject ConnectionLimit limit;
  @Inject ChatSettings settings;
  @Inject Connections connections;
  @Inject Traffic traffic;
  @Inject AddressLimit addressLimit;
  @Inject Meters meters;
  @Inject SendBatches batches;

  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set once the server decided to close; frames still arriving then are ignored. */
  private volatile boolean closing;

  private Session session;
  private boolean counted;
  private String address;
  private FrameAssembler assembler;
  private Outbox outbox;
  private TokenBucket rate;
  private TokenBucket presenceRate;
  private final OncePerSecond refusalLog = new OncePerSecond();
  private final OncePerSecond rateLimitedAnswers = new OncePerSecond();
  private Room room;
  private Visitor visitor;

  /**
   * Closes the connection if it has not logged in by then. Only the first login is awaited: a
   * member that logs out has shown it is a client, and the per-address cap bounds what it holds.
   */
  private volatile Future<?> loginDeadline;

  /** Whether the parts arriving belong to a frame the rate limit let in; decided on its first. */
  private boolean frameAdmitted;

  private boolean midFrame;

  @OnOpen
  public void open(Session session, @PathParam("room") String roomName) {
    this.session = session;
    outbox =
        new Outbox(
            session,
            settings.outboxLimit(),
            settings.outboxMaxBytes(),
            closer,
            meters.deliveryLatency(),
            meters.outboxDepth(),
            batches.batchingFor(session));
    if (!limit.tryAcquire()) {
      LOG.log(Level.INFO, "Connection {0} refused: connection limit reached", id());
      refuseAndClose(
          ErrorCode.SERVER_FULL,
          "The server is full; try again in a little while.",
          CloseCodes.TRY_AGAIN_LATER,
          "Server full");
      return;
    }
    counted = true;
    String from = clientAddress(session);
    if (from != null && !addressLimit.tryAcquire(from)) {
      LOG.log(Level.INFO, "Connection {0} refused: too many from {1}", new Object[] {id(), from});
      refuseAndClose(
          ErrorCode.TOO_MANY_CONNECTIONS,
          "Too many connections from your address; close one and try again.",
          CloseCodes.TRY_AGAIN_LATER,
          "Too many connections from your address");
      return;
    }
    address = from;
    RoomName name;
    try {
      name = RoomName.parse(roomName);
      registry.refuseLookAlike(name);
    } catch (RoomException e) {
      refuseAndClose(
          ErrorCode.of(e.reason()),
          e.getMessage(),
          CloseCodes.VIOLATED_POLICY,
          "Invalid room name");
      return;
    }
    assembler = new FrameAssembler(settings.maxFrameSize());
    rate =
        new TokenBucket(settings.ratePerSecond(), settings.rateBurst(), settings.rateMaxStrikes());
    presenceRate =
        new TokenBucket(
            settings.presencePerMinute() / 60.0, settings.presenceBurst(), Integer.MAX_VALUE);
    room = registry.enter(name);
    visitor = room.visit(outbox, id());
    heartbeat.watch(session, outbox);
    connections.opened(id(), this);
    armLoginDeadline();
    LOG.log(Level.FINE, "Connection {0} opened on room {1}", new Object[] {id(), name});
    send(
        frames.handshake(
            name.value(),
            "Welcome to #"
                + name
                + ". Send {\"type\":\"login\",\"content\":\"<nickname>\"} to join."));
  }

  /** Text arrives in parts, so the container keeps only a small buffer per connection. */
  @OnMessage
  public void text(String part, boolean last) {
    if (outbox.closeIfDecided() || closing || assembler == null) {
      return;
    }
    if (!midFrame) {
      // A frame pays on its first part: one sent by halves and never finished still costs.
      frameAdmitted = admitted();
    }
    midFrame = !last;
    if (!frameAdmitted) {
      return; // the rest of a refused frame is dropped unread
    }
    String frame;
    try {
      frame = assembler.append(part, last);
    } catch (FrameAssembler.FrameTooBigException e) {
      LOG.log(Level.INFO, "Connection {0}: {1}; closing it", new Object[] {id(), e.getMessage()});
      closeAfterSending(CloseCodes.TOO_BIG, "Frame too big");
      return;
    }
    if (frame == null) {
      return;
    }
    try {
      message(frames.decode(frame));
    } catch (InvalidFrameException e) {
      refuse(e.code(), e.getMessage());
    }
  }

  private void message(ChatMessage message) {
    try {
      switch (MessageType.fromWire(message.getType()).orElseThrow()) {
        case LOGIN -> presence(() -> login(message));
        case USER -> {
          visitor.say(message.getContent(), message.getFrom());
          traffic.relayed();
        }
        case LOGOUT -> presence(() -> leaveRoom(visitor.logout()));
        case TYPING -> visitor.typing();
        default ->
            refuse(
                ErrorCode.UNKNOWN_TYPE, "Only the server sends " + message.getType() + " frames.");
      }
    } catch (RoomException e) {
      refuse(ErrorCode.of(e.reason()), e.getMessage());
    }
  }

  /** In parts, so that a binary frame of any size gets the same answer. */
  @OnMessage
  public void binary(ByteBuffer part, boolean last) {
    if (outbox.closeIfDecided() || closing) {
      return;
    }
    refuseAndClose(
        ErrorCode.BINARY_UNSUPPORTED,
        "This room speaks JSON text frames only.",
        CloseCodes.CANNOT_ACCEPT,
        "Binary frames are not supported");
  }

  @OnMessage
  public void pong(PongMessage pong) {
    ByteBuffer payload = pong.getApplicationData();
    if (outbox.closeIfDecided() || heartbeat.answered(session, payload)) {
      return;
    }
    // A pong nobody asked for is a frame like any other, and pays like one.
    admitted();
  }

  @OnError
  public void error(Throwable failure) {
    // The connection is broken; the container closes it next.
    LOG.log(Level.FINE, "Connection " + id() + " failed", failure);
    if (visitor != null) {
      leaveRoom(visitor.end());
    }
  }

  @OnClose
  public void close(CloseReason reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.log(Level.FINE, "Connection {0} closed: {1}", new Object[] {id(), reason});
    if (visitor != null) {
      leaveRoom(visitor.end());
    }
    disarmLoginDeadline();
    outbox.stop();
    heartbeat.forget(session);
    if (room != null) {
      registry.exit(room);
    }
    if (address != null) {
      addressLimit.release(address);
    }
    if (counted) {
      limit.release();
    }
    connections.closed(id());
  }

  /** Counts the frame against the rate limit; a flooding connection is closed. */
  private boolean admitted() {
    if (closing) {
      return false;
    }
    switch (rate.take()) {
      case ALLOWED:
        return true;
      case REFUSED:
        refuse(ErrorCode.RATE_LIMITED, "Slow down: too many messages.");
        return false;
      default:
        LOG.log(Level.INFO, "Connection {0} keeps flooding; closing it", id());
        refuseAndClose(
            ErrorCode.RATE_LIMITED,
            "Too many messages; disconnected.",
            CloseCodes.VIOLATED_POLICY,
            "Flooding");
        return false;
    }
  }

  private void closeAfterSending(CloseReason.CloseCode code, String reason) {
    closing = true;
    outbox.closeAfterSending(new CloseReason(code, reason));
  }

  /** A login or logout: what the room must do about it, which it may refuse. */
  private interface PresenceChange {
    void apply() throws RoomException;
  }

  /**
   * Logins and logouts cost the whole room a broadcast, so they have their own slower budget; one
   * the room refuses (a taken nickname) announces nothing and is given back.
   */
  private void presence(PresenceChange change) throws RoomException {
    if (presenceRate.take() != TokenBucket.Verdict.ALLOWED) {
      refuse(ErrorCode.RATE_LIMITED, "Too many logins and logouts; wait a moment and try again.");
      return;
    }
    try {
      change.apply();
    } catch (RoomException refused) {
      presenceRate.giveBack();
      throw refused;
    }
  }

  private void login(ChatMessage login) throws RoomException {
    Member member =
        visitor.login(login.getContent(), Boolean.TRUE.equals(login.getTyping()), login.getSince());
    disarmLoginDeadline();
    LOG.log(Level.FINE, "{0} joined {1}", new Object[] {member.nickname(), room.name()});
  }

  private void armLoginDeadline() {
    loginDeadline = closer.after(settings.loginTimeoutMillis(), this::loginTimedOut);
  }

  private void disarmLoginDeadline() {
    Future<?> deadline = loginDeadline;
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  private void loginTimedOut() {
    if (closing || visitor.member().isPresent()) {
      return;
    }
    LOG.log(Level.INFO, "Connection {0} did not log in in time; closing it", id());
    refuseAndClose(
        ErrorCode.LOGIN_TIMEOUT,
        "You did not log in in time; disconnected.",
        CloseCodes.VIOLATED_POLICY,
        "No login");
  }

  /**
   * The client's address as the handshake filter resolved it, or null where no filter runs (a bare
   * WebSocket server such as the tests' embedded Tyrus; every servlet container runs it).
   */
  private static String clientAddress(Session session) {
    Object address = session.getUserProperties().get(CdiEndpointConfigurator.CLIENT_ADDRESS);
    return address == null ? null : address.toString();
  }

  private void leaveRoom(Optional<Member> left) {
    left.ifPresent(
        member ->
            LOG.log(
                Level.INFO,
                "{0} left room {1} on connection {2}",
                new Object[] {member.nickname(), room.name(), id()}));
  }

  /** An operator's word to this connection, then the close; used for kicks and undeploy. */
  void noticeAndClose(ChatMessage notice, CloseReason reason) {
    notice(notice);
    closeWith(reason);
  }

  /** An operator's word to this connection, unless it is closing already. */
  void notice(ChatMessage notice) {
    if (!closing) {
      send(notice);
    }
  }

  /** Closes once what is queued is out; the room hears its member leave. */
  void closeWith(CloseReason reason) {
    if (!closing) {
      closeAfterSending(reason.getCloseCode(), reason.getReasonPhrase());
    }
  }

  /** The room this connection opened, if its name was valid. */
  Optional<String> roomName() {
    Room opened = room;
    return opened == null ? Optional.empty() : Optional.of(opened.name().value());
  }

  /** A refusal that ends the connection: always answered, so the client learns why. */
  private void refuseAndClose(
      ErrorCode code, String text, CloseReason.CloseCode closeCode, String reason) {
    traffic.refused();
    LOG.log(
        Level.FINE,
        "Connection {0}: refused ({1}); closing it",
        new Object[] {id(), code.wireName()});
    send(ChatMessage.error(code, text));
    closeAfterSending(closeCode, reason);
  }

  /**
   * Answers a refused frame. Frames refused for what they say are answered each: they are read, so
   * the rate limit already bounds them, and a client may wait for the answer. Frames refused unread
   * by the rate limit are answered once a second, with a count; the log, once a second for all
   * refusals.
   */
  private void refuse(ErrorCode code, String text) {
    traffic.refused();
    long now = System.nanoTime();
    int logHeld = refusalLog.pass(now);
    if (logHeld >= 0) {
      LOG.log(
          Level.INFO,
          "Connection {0} in room {1}: refused ({2}){3}",
          new Object[] {
            id(),
            room == null ? "-" : room.name(),
            code.wireName(),
            logHeld == 0 ? "" : ", and " + logHeld + " more since the last one logged"
          });
    }
    if (code != ErrorCode.RATE_LIMITED) {
      send(ChatMessage.error(code, text));
      return;
    }
    int answerHeld = rateLimitedAnswers.pass(now);
    if (answerHeld >= 0) {
      send(
          ChatMessage.error(
              code, answerHeld == 0 ? text : text + " (" + answerHeld + " more refused since)"));
    }
  }

  private void send(ChatMessage message) {
    outbox.deliver(frames.encode(message));
  }

  private String id() {
    return session == null ? "?" : session.getId();
  }
}
