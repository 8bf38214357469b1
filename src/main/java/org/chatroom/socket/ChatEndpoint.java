package org.chatroom.socket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.ChatMessage;
import org.chatroom.protocol.ErrorCode;
import org.chatroom.protocol.Frames;
import org.chatroom.protocol.InvalidFrameException;
import org.chatroom.protocol.MessageDecoder;
import org.chatroom.protocol.MessageType;
import org.chatroom.room.Member;
import org.chatroom.room.Room;
import org.chatroom.room.RoomException;
import org.chatroom.room.RoomName;
import org.chatroom.room.RoomRegistry;

/**
 * One connection to a room at {@code /chat/{room}}. It opens, decodes, dispatches each frame by
 * type to the room and closes; the room decides who may say what. Every frame to the client goes
 * through the connection's {@link Outbox}, one send at a time.
 */
@ServerEndpoint(
    value = "/chat/{room}",
    decoders = MessageDecoder.class,
    configurator = CdiEndpointConfigurator.class)
public class ChatEndpoint {

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  @Inject RoomRegistry registry;
  @Inject Frames frames;
  @Inject SessionCloser closer;
  @Inject ChatSettings settings;

  private final AtomicBoolean exited = new AtomicBoolean();
  private Session session;
  private Outbox outbox;
  private Room room;
  private volatile Member member;

  @OnOpen
  public void open(Session session, @PathParam("room") String roomName) throws IOException {
    this.session = session;
    RoomName name;
    try {
      name = RoomName.parse(roomName);
    } catch (RoomException e) {
      LOG.log(Level.FINE, "Connection {0} refused: bad room name", session.getId());
      session.getBasicRemote().sendText(frames.encode(ChatMessage.error(e.code(), e.getMessage())));
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Invalid room name"));
      return;
    }
    outbox = new Outbox(session, settings.outboxLimit(), closer);
    room = registry.enter(name);
    LOG.log(Level.FINE, "Connection {0} opened on room {1}", new Object[] {session.getId(), name});
    send(
        ChatMessage.handshake(
            name.value(),
            "Welcome to #"
                + name
                + ". Send {\"type\":\"login\",\"content\":\"<nickname>\"} to join."));
  }

  @OnMessage
  public void message(ChatMessage message) {
    try {
      switch (MessageType.fromWire(message.getType()).orElseThrow()) {
        case LOGIN -> login(message.getContent());
        case USER -> say(message.getContent());
        case LOGOUT -> logout();
        default ->
            refuse(
                ErrorCode.UNKNOWN_TYPE, "Only the server sends " + message.getType() + " frames.");
      }
    } catch (RoomException e) {
      refuse(e.code(), e.getMessage());
    }
  }

  @OnError
  public void error(Throwable failure) {
    InvalidFrameException invalid = find(failure, InvalidFrameException.class);
    if (invalid != null) {
      LOG.log(Level.FINE, "Connection {0} sent a bad frame: {1}", new Object[] {id(), invalid});
      refuse(invalid.code(), invalid.getMessage());
      return;
    }
    DecodeException undecodable = find(failure, DecodeException.class);
    if (undecodable != null) {
      refuse(ErrorCode.MALFORMED_FRAME, "Not a JSON object of the chat protocol");
      return;
    }
    // Anything else means the connection is broken; the container closes it next.
    LOG.log(Level.FINE, "Connection " + id() + " failed", failure);
    leaveRoom();
  }

  @OnClose
  public void close(CloseReason reason) {
    LOG.log(Level.FINE, "Connection {0} closed: {1}", new Object[] {id(), reason});
    leaveRoom();
    if (outbox != null) {
      outbox.close();
    }
    if (room != null && exited.compareAndSet(false, true)) {
      registry.exit(room);
    }
  }

  private void login(String nickname) throws RoomException {
    if (member != null) {
      throw new RoomException(
          ErrorCode.ALREADY_LOGGED_IN, "You are already in the room as " + member.nickname() + ".");
    }
    member = room.join(nickname, outbox, id());
    LOG.log(Level.FINE, "{0} joined {1}", new Object[] {member.nickname(), room.name()});
  }

  private void say(String text) throws RoomException {
    Member speaker = member;
    if (speaker == null) {
      throw new RoomException(ErrorCode.NOT_LOGGED_IN, "Log in before you chat.");
    }
    room.say(speaker, text);
  }

  private void logout() throws RoomException {
    if (member == null) {
      throw new RoomException(ErrorCode.NOT_LOGGED_IN, "You are not logged in.");
    }
    leaveRoom();
  }

  private void leaveRoom() {
    Member leaving = member;
    member = null;
    if (leaving != null && room.leave(leaving)) {
      LOG.log(Level.FINE, "{0} left {1}", new Object[] {leaving.nickname(), room.name()});
    }
  }

  private void refuse(ErrorCode code, String text) {
    send(ChatMessage.error(code, text));
  }

  private void send(ChatMessage message) {
    if (outbox != null) {
      outbox.deliver(frames.encode(message));
    }
  }

  private String id() {
    return session == null ? "?" : session.getId();
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
