package org.chatroom.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.chatroom.platform.ChatSettings;
import org.chatroom.protocol.ChatMessage;
import org.chatroom.protocol.ErrorCode;
import org.chatroom.protocol.MessageType;

/**
 * One chat room: who is in it, its recent lines, and the order of everything said in it.
 *
 * <p>Each room has its own lock, held while a line gets its id, enters the history and is handed to
 * every member's sink. That gives every member the same order of lines, and a newcomer the history
 * up to exactly the first line it then receives live. Sinks only queue, so the lock is never held
 * across network I/O; rooms never wait on each other.
 */
public final class Room {

  private final RoomName name;
  private final MessageHistory history;
  private final Function<ChatMessage, String> encoder;
  private final ChatSettings settings;
  private final Transcript transcript;

  private final Object lock = new Object();
  private final Map<String, Member> members = new LinkedHashMap<>();

  /** The members' sinks, replaced (never changed) when someone joins or leaves. */
  private MessageSink[] roster = new MessageSink[0];

  private long lastLineId;

  /** Connections open on this room's URL, logged in or not; guarded by the registry. */
  private int connections;

  Room(
      RoomName name,
      MessageHistory history,
      Function<ChatMessage, String> encoder,
      ChatSettings settings,
      Transcript transcript) {
    this.name = name;
    this.history = history;
    this.encoder = encoder;
    this.settings = settings;
    this.transcript = transcript;
  }

  public RoomName name() {
    return name;
  }

  /**
   * Adds a member under the given nickname, replays the history to it and tells the room.
   *
   * @throws RoomException if the nickname is invalid or taken; the caller may retry
   */
  public Member join(String rawNickname, MessageSink sink, String connectionId)
      throws RoomException {
    return join(rawNickname, sink, connectionId, false);
  }

  /**
   * Joins as above; {@code wantsTyping} asks for the {@code typing} notices of the others.
   *
   * @throws RoomException if the nickname is invalid or taken; the caller may retry
   */
  public Member join(String rawNickname, MessageSink sink, String connectionId, boolean wantsTyping)
      throws RoomException {
    Nickname nickname = Nickname.parse(rawNickname, settings.nicknameMaxLength());
    Member member;
    MessageSink[] recipients;
    synchronized (lock) {
      if (members.containsKey(nickname.key())) {
        throw new RoomException(
            ErrorCode.NICKNAME_TAKEN,
            "The nickname '" + nickname.display() + "' is taken in this room; pick another.");
      }
      member = new Member(nickname, sink, connectionId, wantsTyping);
      members.put(nickname.key(), member);
      rebuildRoster();
      for (ChatMessage line : history.recent()) {
        sink.enqueue(encoder.apply(line.asHistory()));
      }
      recipients = broadcast(presence(MessageType.LOGIN, nickname, nickname.display() + " joined"));
    }
    flush(recipients);
    return member;
  }

  /**
   * Says a chat line in the member's name to everyone in the room, the member included.
   *
   * @return the line as it was relayed, with its id and time
   * @throws RoomException if the line is empty or too long, or the member has left
   */
  public ChatMessage say(Member member, String text) throws RoomException {
    if (text == null || text.isBlank()) {
      throw new RoomException(ErrorCode.EMPTY_MESSAGE, "Empty lines are not sent.");
    }
    int max = settings.maxMessageLength();
    if (Names.length(text) > max) {
      throw new RoomException(
          ErrorCode.MESSAGE_TOO_LONG, "A line has at most " + max + " characters.");
    }
    if (Names.hasForbiddenTextCharacter(text)) {
      throw new RoomException(
          ErrorCode.INVALID_CHARACTER,
          "The line holds control characters or direction overrides; it was not sent.");
    }
    MessageSink[] recipients;
    ChatMessage line;
    synchronized (lock) {
      if (members.get(member.nickname().key()) != member) {
        throw new RoomException(ErrorCode.NOT_LOGGED_IN, "Log in before you chat.");
      }
      line =
          ChatMessage.line(
              name.value(),
              member.nickname().display(),
              text,
              System.currentTimeMillis(),
              ++lastLineId,
              false);
      history.append(line);
      recipients = broadcast(line);
    }
    flush(recipients);
    transcript.record(line);
    return line;
  }

  /** An operator's notice to everyone in the room, as a {@code system} frame. */
  public void announce(String text) {
    ChatMessage notice = ChatMessage.notice(text);
    notice.setRoom(name.value());
    MessageSink[] recipients;
    synchronized (lock) {
      recipients = broadcast(notice);
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
   * Tells the others who asked for it that the member is typing. Nothing is kept: a typing notice
   * is not a line and never enters the history.
   */
  public void typing(Member member) throws RoomException {
    List<MessageSink> recipients = new ArrayList<>();
    synchronized (lock) {
      if (members.get(member.nickname().key()) != member) {
        throw new RoomException(ErrorCode.NOT_LOGGED_IN, "Log in before you chat.");
      }
      String frame = encoder.apply(ChatMessage.typing(name.value(), member.nickname().display()));
      for (Member other : members.values()) {
        if (other != member && other.wantsTyping()) {
          other.sink().enqueue(frame);
          recipients.add(other.sink());
        }
      }
    }
    recipients.forEach(MessageSink::flush);
  }

  /** How many members the room has now. */
  public int size() {
    synchronized (lock) {
      return members.size();
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
          broadcast(
              presence(
                  MessageType.LOGOUT, member.nickname(), member.nickname().display() + " left"));
    }
    flush(recipients);
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

  private ChatMessage presence(MessageType type, Nickname who, String text) {
    return ChatMessage.presence(
        type, name.value(), who.display(), text, userList(), System.currentTimeMillis());
  }

  private List<String> userList() {
    List<String> users = new ArrayList<>(members.size());
    for (Member member : members.values()) {
      users.add(member.nickname().display());
    }
    return users;
  }

  private void rebuildRoster() {
    roster = members.values().stream().map(Member::sink).toArray(MessageSink[]::new);
  }

  /**
   * Encodes once and queues the same text for every member; callers hold the lock.
   *
   * @return the sinks to flush once the lock is released
   */
  private MessageSink[] broadcast(ChatMessage message) {
    String frame = encoder.apply(message);
    MessageSink[] recipients = roster;
    for (MessageSink sink : recipients) {
      sink.enqueue(frame);
    }
    return recipients;
  }

  private static void flush(MessageSink[] recipients) {
    for (MessageSink sink : recipients) {
      sink.flush();
    }
  }
}
