package org.chatroom.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Starts CDI where the container has none of its own, so the same WAR runs on a full Jakarta EE
 * server (Payara) and on a plain servlet container (Tomcat).
 *
 * <p>The WAR carries Weld for Tomcat's sake; {@code web.xml}'s empty {@code absolute-ordering}
 * keeps Weld's own start-up hook from running anywhere. This listener looks for the container's
 * {@code java:comp/BeanManager}, which every Jakarta EE server binds: when it is there, the
 * server's CDI is in charge and this listener does nothing; when it is not, it hands the servlet
 * events to Weld's listener, which boots CDI for this application and stops it on undeploy.
 */
public class CdiBootstrap
    implements ServletContextListener, ServletRequestListener, HttpSessionListener {

  private static final Logger LOG = Logger.getLogger(CdiBootstrap.class.getName());

  /** Weld's servlet listener while this WAR runs its own CDI; null under a full EE server. */
  private Object weld;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (containerHasCdi()) {
      LOG.fine("The container provides CDI; the bundled Weld stays idle");
      return;
    }
    LOG.fine("No CDI in the container; starting the bundled Weld");
    org.jboss.weld.environment.servlet.Listener listener =
        new org.jboss.weld.environment.servlet.Listener();
    listener.contextInitialized(event);
    weld = listener;
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (weld != null) {
      ((ServletContextListener) weld).contextDestroyed(event);
      weld = null;
    }
  }

  @Override
  public void requestInitialized(ServletRequestEvent event) {
    if (weld != null) {
      ((ServletRequestListener) weld).requestInitialized(event);
    }
  }

  @Override
  public void requestDestroyed(ServletRequestEvent event) {
    if (weld != null) {
      ((ServletRequestListener) weld).requestDestroyed(event);
    }
  }

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    if (weld != null) {
      ((HttpSessionListener) weld).sessionCreated(event);
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    if (weld != null) {
      ((HttpSessionListener) weld).sessionDestroyed(event);
    }
  }

  private static boolean containerHasCdi() {
    try {
      return new InitialContext().lookup("java:comp/BeanManager") != null;
    } catch (NamingException | RuntimeException e) {
      return false;
    }
  }
}
