package org.chatroom.protocol;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.Line;
import org.chatroom.room.Presence;
import org.chatroom.room.Refusal;
import org.chatroom.room.RoomEncoder;

/**
 * The server's one JSON reader and writer of frames, and the map from what happens in a room to the
 * wire. Broadcasts are encoded here once and the same text goes to every recipient. {@link
 * jakarta.json.bind.Jsonb} and the JSON-P parser factory are thread-safe, so all connections share
 * them instead of each building its own.
 */
@ApplicationScoped
public class Frames implements RoomEncoder {

  private final ChatMessageEncoder encoder = new ChatMessageEncoder();
  private final MessageDecoder decoder = new MessageDecoder();
  private final Limits limits;

  /** With the default settings: for CDI's proxy, and tests of rooms, which greet no one. */
  public Frames() {
    this(new ChatSettings(name -> null));
  }

  @Inject
  public Frames(ChatSettings settings) {
    limits = Limits.of(settings);
  }

  @PreDestroy
  public void close() {
    encoder.close();
  }

  public String encode(ChatMessage message) {
    return encoder.encode(message);
  }

  /** The greeting of a new connection, with what this server accepts from it. */
  public ChatMessage handshake(String room, String greeting) {
    return ChatMessage.handshake(room, greeting, limits);
  }

  /** Reads one client frame; the exception names what is wrong with a broken one. */
  public ChatMessage decode(String frame) throws InvalidFrameException {
    return decoder.decode(frame);
  }

  @Override
  public String line(Line line, boolean replayed) {
    return encode(
        ChatMessage.line(
            line.room(), line.nickname(), line.text(), line.time(), line.id(), replayed));
  }

  @Override
  public String presence(Presence change) {
    return encode(presenceMessage(change, null));
  }

  @Override
  public String presence(List<Presence> changes) {
    if (changes.size() == 1) {
      return presence(changes.get(0));
    }
    Presence first = changes.get(0);
    boolean joined = first.change() == Presence.Change.JOINED;
    List<String> names = new java.util.ArrayList<>(changes.size());
    changes.forEach(change -> names.add(change.nickname()));
    String others = names.size() == 2 ? names.get(1) : (names.size() - 1) + " others";
    return encode(
        ChatMessage.presenceGroup(
            joined ? MessageType.LOGIN : MessageType.LOGOUT,
            first.room(),
            names,
            first.nickname() + " and " + others + (joined ? " joined" : " left"),
            changes.get(changes.size() - 1).time()));
  }

  @Override
  public String welcome(Presence joined, List<String> users, Boolean recovered) {
    ChatMessage message = presenceMessage(joined, users);
    message.setRecovered(recovered);
    return encode(message);
  }

  private static ChatMessage presenceMessage(Presence change, List<String> users) {
    boolean joined = change.change() == Presence.Change.JOINED;
    return ChatMessage.presence(
        joined ? MessageType.LOGIN : MessageType.LOGOUT,
        change.room(),
        change.nickname(),
        change.nickname() + (joined ? " joined" : " left"),
        users,
        change.time());
  }

  @Override
  public String typing(String room, String nickname) {
    return encode(ChatMessage.typing(room, nickname));
  }

  @Override
  public String announcement(String room, String text) {
    ChatMessage notice = ChatMessage.notice(NoticeCode.ANNOUNCEMENT, text);
    notice.setRoom(room);
    return encode(notice);
  }

  @Override
  public String removed(String room, long id) {
    return encode(ChatMessage.removed(room, id));
  }

  @Override
  public String refusal(Refusal reason, String text) {
    return encode(ChatMessage.error(ErrorCode.of(reason), text));
  }
}
