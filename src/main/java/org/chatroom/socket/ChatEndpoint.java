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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.guard.ConnectionLimit;
import org.chatroom.guard.TokenBucket;
import org.chatroom.platform.ChatSettings;
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

  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set once the server decided to close; frames still arriving then are ignored. */
  private volatile boolean closing;

  private Session session;
  private boolean counted;
  private FrameAssembler assembler;
  private Outbox outbox;
  private TokenBucket rate;
  private Room room;
  private Visitor visitor;

  @OnOpen
  public void open(Session session, @PathParam("room") String roomName) {
    this.session = session;
    outbox = new Outbox(session, settings.outboxLimit(), settings.sendTimeoutMillis(), closer);
    if (!limit.tryAcquire()) {
      LOG.log(Level.INFO, "Connection {0} refused: connection limit reached", id());
      refuse(ErrorCode.SERVER_FULL, "The server is full; try again in a little while.");
      closeAfterSending(CloseCodes.TRY_AGAIN_LATER, "Server full");
      return;
    }
    counted = true;
    RoomName name;
    try {
      name = RoomName.parse(roomName);
    } catch (RoomException e) {
      refuse(ErrorCode.of(e.reason()), e.getMessage());
      closeAfterSending(CloseCodes.VIOLATED_POLICY, "Invalid room name");
      return;
    }
    assembler = new FrameAssembler(settings.maxFrameSize());
    rate =
        new TokenBucket(settings.ratePerSecond(), settings.rateBurst(), settings.rateMaxStrikes());
    room = registry.enter(name);
    visitor = room.visit(outbox, id());
    heartbeat.watch(session, outbox);
    connections.opened(id(), this);
    LOG.log(Level.FINE, "Connection {0} opened on room {1}", new Object[] {id(), name});
    send(
        ChatMessage.handshake(
            name.value(),
            "Welcome to #"
                + name
                + ". Send {\"type\":\"login\",\"content\":\"<nickname>\"} to join."));
  }

  /** Text arrives in parts, so the container keeps only a small buffer per connection. */
  @OnMessage
  public void text(String part, boolean last) {
    if (closing || assembler == null) {
      return;
    }
    String frame;
    try {
      frame = assembler.append(part, last);
    } catch (FrameAssembler.FrameTooBigException e) {
      LOG.log(Level.INFO, "Connection {0}: {1}; closing it", new Object[] {id(), e.getMessage()});
      closeAfterSending(CloseCodes.TOO_BIG, "Frame too big");
      return;
    }
    if (frame == null || !admitted()) {
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
        case LOGIN -> login(message);
        case USER -> {
          visitor.say(message.getContent(), message.getFrom());
          traffic.relayed();
        }
        case LOGOUT -> leaveRoom(visitor.logout());
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
    if (closing) {
      return;
    }
    refuse(ErrorCode.BINARY_UNSUPPORTED, "This room speaks JSON text frames only.");
    closeAfterSending(CloseCodes.CANNOT_ACCEPT, "Binary frames are not supported");
  }

  @OnMessage
  public void pong(PongMessage pong) {
    ByteBuffer payload = pong.getApplicationData();
    if (!outbox.closeOnPong(payload)) {
      heartbeat.answered(session, payload);
    }
  }

  @OnError
  public void error(Throwable failure) {
    // The connection is broken; the container closes it next.
    LOG.log(Level.FINE, "Connection " + id() + " failed", failure);
    leaveRoom();
  }

  @OnClose
  public void close(CloseReason reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.log(Level.FINE, "Connection {0} closed: {1}", new Object[] {id(), reason});
    leaveRoom();
    outbox.stop();
    heartbeat.forget(session);
    if (room != null) {
      registry.exit(room);
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
        refuse(ErrorCode.RATE_LIMITED, "Too many messages; disconnected.");
        closeAfterSending(CloseCodes.VIOLATED_POLICY, "Flooding");
        return false;
    }
  }

  private void closeAfterSending(CloseReason.CloseCode code, String reason) {
    closing = true;
    outbox.closeAfterSending(new CloseReason(code, reason));
  }

  private void login(ChatMessage login) throws RoomException {
    Member member =
        visitor.login(login.getContent(), Boolean.TRUE.equals(login.getTyping()), login.getSince());
    LOG.log(Level.FINE, "{0} joined {1}", new Object[] {member.nickname(), room.name()});
  }

  private void leaveRoom() {
    if (visitor != null) {
      leaveRoom(visitor.leave());
    }
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
  void noticeAndClose(String notice, CloseReason reason) {
    if (closing) {
      return;
    }
    send(ChatMessage.notice(notice));
    closeAfterSending(reason.getCloseCode(), reason.getReasonPhrase());
  }

  /** The room this connection opened, if its name was valid. */
  Optional<String> roomName() {
    Room opened = room;
    return opened == null ? Optional.empty() : Optional.of(opened.name().value());
  }

  private void refuse(ErrorCode code, String text) {
    traffic.refused();
    LOG.log(
        Level.INFO,
        "Connection {0} in room {1}: refused ({2})",
        new Object[] {id(), room == null ? "-" : room.name(), code.wireName()});
    send(ChatMessage.error(code, text));
  }

  private void send(ChatMessage message) {
    outbox.deliver(frames.encode(message));
  }

  private String id() {
    return session == null ? "?" : session.getId();
  }
}
