package org.chatroom.ops;

import jakarta.inject.Inject;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.concurrent.TimeUnit;
import org.chatroom.protocol.ChatMessage;
import org.chatroom.protocol.NoticeCode;
import org.chatroom.socket.Connections;

/**
 * Says goodbye to every client when the application stops. It is a servlet with no URL because the
 * container destroys servlets before it tells any context listener, and its own WebSocket listener
 * closes the sessions (Tomcat): here, the sessions are still open, so each client gets a {@code
 * system} notice and a {@code 1001} close from us first.
 */
public class ShutdownNotifier extends GenericServlet {

  private static final long serialVersionUID = 1L;
  private static final long CLOSE_WAIT_SECONDS = 5;

  @Inject transient Readiness readiness;
  @Inject transient Connections connections;

  @Override
  public void service(ServletRequest request, ServletResponse response) {
    throw new UnsupportedOperationException("ShutdownNotifier has no URL");
  }

  @Override
  public void destroy() {
    readiness.down();
    try {
      connections.closeAll(
          ChatMessage.notice(
              NoticeCode.SERVER_SHUTDOWN,
              "The chat room is shutting down; it will be back shortly."),
          new CloseReason(CloseCodes.GOING_AWAY, "Server shutting down"),
          CLOSE_WAIT_SECONDS,
          TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
