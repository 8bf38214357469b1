package org.chatroom.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chat member: what its connection told it (its own login, others' logins, chat lines, errors,
 * a close) and an ordered sender. The {@link Transport} behind it reports each whole message, by
 * its head only: the generator never needs the user list of a {@code login} echo.
 */
final class ChatClient {

  private static final String LOGIN = "{\"type\":\"login\",\"from\":\"";
  private static final String SYSTEM = "{\"type\":\"system\"";
  private static final byte[] LOGIN_BYTES = Ascii.bytes(LOGIN);
  private static final byte[] SYSTEM_BYTES = Ascii.bytes(SYSTEM);

  /** A login or logout telling of several people at once (protocol 3), right after its from. */
  private static final String NAMES = "\"names\":[";

  private static final byte[] NAMES_BYTES = Ascii.bytes(NAMES);

  final int index;
  final int room;
  final String nickname;
  final CompletableFuture<ChatClient> loggedIn = new CompletableFuture<>();
  final AtomicInteger loginsSeen = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();

  private final String ownLogin;
  private final byte[] ownLoginBytes;
  private volatile LineHandler handler = LineHandler.IGNORE;
  private volatile Transport transport;
  private volatile Dialect dialect;
  private volatile boolean closedByServer;
  private volatile String lastError;

  ChatClient(int index, int room, String nickname) {
    this.index = index;
    this.room = room;
    this.nickname = nickname;
    this.ownLogin = LOGIN + nickname + '"';
    this.ownLoginBytes = Ascii.bytes(ownLogin);
  }

  void handle(LineHandler lines) {
    handler = lines;
  }

  /** Says {@code line} in the room, after every earlier send of this client. */
  void say(LineContent line) {
    transport.send(dialect.frame("user", line.content()));
  }

  /** The connection the dialer opened, and how it frames; set before anything is sent. */
  void attach(Transport opened, Dialect framing) {
    dialect = framing;
    transport = opened;
  }

  void login() {
    transport.send(dialect.frame("login", nickname));
  }

  void abort() {
    Transport opened = transport;
    if (opened != null) {
      opened.abort();
    }
  }

  boolean closedByServer() {
    return closedByServer;
  }

  /** Refused (a {@code system} frame), failed or closed by the server: its figures are wrong. */
  boolean troubled() {
    return errors.get() > 0 || closedByServer;
  }

  String lastError() {
    return lastError;
  }

  /** A whole text message, as text (the JDK transport), cut to its head. */
  void received(String frame, long receivedNanos) {
    LineContent line = LineContent.parse(frame);
    if (line != null) {
      handler.onLine(this, line, receivedNanos);
    } else if (frame.startsWith(LOGIN)) {
      byte[] bytes = Ascii.bytes(frame);
      loginSeen(frame.startsWith(ownLogin), namesIn(bytes, 0, bytes.length));
    } else if (frame.startsWith(SYSTEM)) {
      refused(frame);
    }
  }

  /**
   * A whole chat object, as the first bytes of its UTF-8, {@code head[from, end)}, where the
   * transport's dialect found it (the wire transport).
   */
  void received(byte[] head, int from, int end, long receivedNanos) {
    LineContent line = LineContent.parse(head, from, end);
    if (line != null) {
      handler.onLine(this, line, receivedNanos);
    } else if (Ascii.startsWith(head, from, end, LOGIN_BYTES)) {
      loginSeen(Ascii.startsWith(head, from, end, ownLoginBytes), namesIn(head, from, end));
    } else if (Ascii.startsWith(head, from, end, SYSTEM_BYTES)) {
      refused(new String(head, from, end - from, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * Whether a message whose head this is tells of several people, so that its transport keeps it
   * whole for {@link #namesIn} to count them all.
   */
  static boolean tellsOfSeveral(byte[] head, int length) {
    return Ascii.indexOf(head, length, NAMES_BYTES, 0) >= 0;
  }

  /** Whether a frame's text head tells of several people; see above. */
  static boolean tellsOfSeveral(CharSequence head) {
    return head.toString().contains(NAMES);
  }

  /**
   * How many people a login frame tells of: each of its {@code names}, else its {@code from}. The
   * generator's nicknames hold no commas, so the commas in the list count them.
   */
  static int namesIn(byte[] frame, int from, int end) {
    int at = Ascii.indexOf(frame, end, NAMES_BYTES, from);
    if (at < 0) {
      return 1;
    }
    int names = 1;
    for (int i = at + NAMES_BYTES.length; i < end && frame[i] != ']'; i++) {
      if (frame[i] == ',') {
        names++;
      }
    }
    return names;
  }

  private void loginSeen(boolean own, int names) {
    loginsSeen.addAndGet(names);
    if (own) {
      loggedIn.complete(this);
    }
  }

  private void refused(String frame) {
    errors.incrementAndGet();
    lastError = frame;
    loggedIn.completeExceptionally(new IllegalStateException(nickname + " refused: " + frame));
  }

  /** The server closed the connection with a close frame. */
  void closed(int statusCode, String reason) {
    closedByServer = true;
    lastError = "closed by the server: " + statusCode + " " + reason;
    loggedIn.completeExceptionally(new IllegalStateException(nickname + " " + lastError));
  }

  /** The connection failed, or a send on it did. */
  void failed(String what, Throwable error) {
    errors.incrementAndGet();
    lastError = what + ": " + error;
    loggedIn.completeExceptionally(error);
  }
}
