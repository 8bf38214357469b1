package org.chatroom.api;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.chatroom.ops.PrometheusScrape;

/**
 * {@code GET /api/metrics}: every meter in Prometheus' text format, for a Prometheus that logs in
 * as a user in the role {@value StatsServlet#OPERATOR} ({@code basic_auth} in its scrape config).
 * {@code web.xml} makes the container ask for the user; the role is checked here too, as {@link
 * StatsServlet} does, so that a constraint lost from the descriptor refuses rather than shows.
 *
 * <pre>
 * # HELP chatroom_users_online Members logged in, all rooms
 * # TYPE chatroom_users_online gauge
 * chatroom_users_online 2.0
 * </pre>
 */
@WebServlet("/api/metrics")
public class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient PrometheusScrape scrape;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.isUserInRole(StatsServlet.OPERATOR)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    String contentType = scrape.contentType(request.getHeader("Accept"));
    response.setContentType(contentType);
    response.setHeader("Cache-Control", "no-store");
    scrape.write(response.getOutputStream(), contentType);
  }
}
