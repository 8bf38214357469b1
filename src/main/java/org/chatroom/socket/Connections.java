package org.chatroom.socket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.chatroom.protocol.ChatMessage;

/**
 * Every open connection, by id, so that operators can reach one (kick), all of a room (close it) or
 * all of them (undeploy). Rooms hold members, not connections; this is the other view.
 */
@ApplicationScoped
public class Connections {

  private final Map<String, ChatEndpoint> open = new ConcurrentHashMap<>();

  void opened(String id, ChatEndpoint connection) {
    open.put(id, connection);
  }

  void closed(String id) {
    open.remove(id);
  }

  public int count() {
    return open.size();
  }

  /** Tells the connection why, then closes it once the notice is out. */
  public boolean close(String connectionId, ChatMessage notice, CloseReason reason) {
    ChatEndpoint connection = open.get(connectionId);
    if (connection == null) {
      return false;
    }
    connection.noticeAndClose(notice, reason);
    return true;
  }

  /** Closes every connection on the room's URL; returns how many. */
  public int closeRoom(String room, ChatMessage notice, CloseReason reason) {
    List<ChatEndpoint> inRoom = new ArrayList<>();
    for (ChatEndpoint connection : open.values()) {
      if (connection.roomName().filter(room::equals).isPresent()) {
        inRoom.add(connection);
      }
    }
    noticeFirstThenClose(inRoom, notice, reason);
    return inRoom.size();
  }

  /**
   * Closes every connection and waits, up to the timeout, until they are gone: on undeploy the
   * clients must hear why before the application's threads stop.
   */
  public void closeAll(ChatMessage notice, CloseReason reason, long timeout, TimeUnit unit)
      throws InterruptedException {
    noticeFirstThenClose(List.copyOf(open.values()), notice, reason);
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /**
   * Everyone hears the notice before anyone is closed: each close tells the room that its member
   * left, and those who were told after that read a row of "X left" before learning why.
   */
  private static void noticeFirstThenClose(
      List<ChatEndpoint> connections, ChatMessage notice, CloseReason reason) {
    connections.forEach(connection -> connection.notice(notice));
    connections.forEach(connection -> connection.closeWith(reason));
  }
}
