package org.chatroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * One frame of the wire protocol, in either direction: the seed's {@code type}, {@code from} and
 * {@code content}, plus optional fields the seed's clients simply ignore. Absent fields are left
 * out of the JSON rather than sent as {@code null}.
 *
 * <pre>{"type":"user","from":"alice","content":"hi","room":"lobby","time":1732808400000,"id":7}
 * </pre>
 */
@JsonbPropertyOrder({
  "type",
  "from",
  "names",
  "content",
  "room",
  "users",
  "time",
  "id",
  "code",
  "reason",
  "version",
  "limits",
  "history",
  "typing",
  "since",
  "recovered"
})
public class ChatMessage {

  /** What the server puts in {@code from} of frames it speaks itself. */
  public static final String SERVER = "system";

  /** Bumped when a frame changes in a way an up-to-date client must know about. */
  public static final int PROTOCOL_VERSION = 3;

  private String type;
  private String from;
  private List<String> names;
  private String content;
  private String room;
  private List<String> users;
  private Long time;
  private Long id;
  private String code;
  private String reason;
  private Integer version;
  private Limits limits;
  private Boolean history;
  private Boolean typing;
  private Long since;
  private Boolean recovered;

  public ChatMessage() {}

  private ChatMessage(MessageType type, String from, String content) {
    this.type = type.wireName();
    this.from = from;
    this.content = content;
  }

  public static ChatMessage handshake(String room, String greeting, Limits limits) {
    ChatMessage message = new ChatMessage(MessageType.HANDSHAKE, SERVER, greeting);
    message.room = room;
    message.version = PROTOCOL_VERSION;
    message.limits = limits;
    return message;
  }

  public static ChatMessage line(
      String room, String nickname, String text, long time, long id, boolean history) {
    ChatMessage message = new ChatMessage(MessageType.USER, nickname, text);
    message.room = room;
    message.time = time;
    message.id = id;
    message.history = history ? Boolean.TRUE : null;
    return message;
  }

  /**
   * A {@code login} or {@code logout}; {@code users}, the room's list after the change, only on the
   * newcomer's own echo (null: left out).
   */
  public static ChatMessage presence(
      MessageType type, String room, String nickname, String text, List<String> users, long time) {
    ChatMessage message = new ChatMessage(type, nickname, text);
    message.room = room;
    message.users = users == null ? null : List.copyOf(users);
    message.time = time;
    return message;
  }

  /**
   * One {@code login} or {@code logout} for several people who came or went together, as a client
   * that fell behind hears them: {@code from} is the first, {@code names} all of them in order.
   */
  public static ChatMessage presenceGroup(
      MessageType type, String room, List<String> names, String text, long time) {
    ChatMessage message = presence(type, room, names.get(0), text, null, time);
    message.names = List.copyOf(names);
    return message;
  }

  public static ChatMessage error(ErrorCode code, String text) {
    return system(code, text);
  }

  /**
   * Word from the server that refuses nothing. It takes a code like an error does: a client that
   * translates the server's words has nothing to go by in the English sentence alone.
   */
  public static ChatMessage notice(NoticeCode code, String text) {
    return system(code, text);
  }

  /**
   * The notice to a member an operator removed: the sentence for clients that know no codes, and
   * the operator's own words apart ({@code reason}, left out if none) for those that say the
   * sentence in their own language.
   */
  public static ChatMessage kicked(String text, String reason) {
    ChatMessage message = system(NoticeCode.KICKED, text);
    message.reason = reason;
    return message;
  }

  private static ChatMessage system(SystemCode code, String text) {
    ChatMessage message = new ChatMessage(MessageType.SYSTEM, SERVER, text);
    message.code = code.wireName();
    return message;
  }

  /** Extension: an operator removed the line of that id. */
  public static ChatMessage removed(String room, long id) {
    ChatMessage message = new ChatMessage(MessageType.DELETE, SERVER, null);
    message.room = room;
    message.id = id;
    return message;
  }

  /** Extension: tells the others in a room that someone is typing. */
  public static ChatMessage typing(String room, String nickname) {
    ChatMessage message = new ChatMessage(MessageType.TYPING, nickname, null);
    message.room = room;
    return message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }

  public String getRoom() {
    return room;
  }

  public void setRoom(String room) {
    this.room = room;
  }

  public List<String> getNames() {
    return names;
  }

  public void setNames(List<String> names) {
    this.names = names;
  }

  public List<String> getUsers() {
    return users;
  }

  public void setUsers(List<String> users) {
    this.users = users;
  }

  public Long getTime() {
    return time;
  }

  public void setTime(Long time) {
    this.time = time;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  /** Set by the factories only: a {@code system} frame always has one. */
  public String getCode() {
    return code;
  }

  /** On a {@code kicked} notice: the operator's reason alone, untranslated. */
  public String getReason() {
    return reason;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  /** On {@code handshake}: what this server accepts, so a client need not assume defaults. */
  public Limits getLimits() {
    return limits;
  }

  public Boolean getHistory() {
    return history;
  }

  public void setHistory(Boolean history) {
    this.history = history;
  }

  /** On a client's login: whether it wants {@code typing} notices. */
  public Boolean getTyping() {
    return typing;
  }

  public void setTyping(Boolean typing) {
    this.typing = typing;
  }

  /** On a client's login: the id of the last line it saw in the room, to catch up from. */
  public Long getSince() {
    return since;
  }

  public void setSince(Long since) {
    this.since = since;
  }

  /** On the login echo to a client that sent {@code since}: whether it got every missed line. */
  public Boolean getRecovered() {
    return recovered;
  }

  public void setRecovered(Boolean recovered) {
    this.recovered = recovered;
  }
}
