package org.chatroom.ops;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.chatroom.platform.ChatSettings;
import org.chatroom.store.ChatDatabase;

/**
 * Starts and stops the chat room with its application. On start it reads every setting (a bad one
 * stops the deployment with one line naming it) and registers the MBean; on stop it tells every
 * client why and closes it with {@code 1001}, then unregisters the MBean, so that a redeploy leaves
 * nothing of the old application behind. Declared in {@code web.xml} after CdiBootstrap, so that
 * CDI is up before it and still up after it.
 */
public class Lifecycle implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
  private ObjectName mbeanName;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    CDI<Object> cdi = CDI.current();
    try {
      cdi.select(ChatSettings.class).get().maxConnections();
    } catch (RuntimeException e) {
      IllegalArgumentException bad = find(e);
      if (bad == null) {
        throw e;
      }
      LOG.log(Level.SEVERE, "chatroom cannot start: {0}", bad.getMessage());
      throw new IllegalStateException("chatroom cannot start: " + bad.getMessage(), null);
    }
    String contextPath = event.getServletContext().getContextPath();
    openDatabase(cdi, contextPath);
    registerMBean(contextPath, cdi.select(Administration.class).get());
    cdi.select(Readiness.class).get().up();
    LOG.log(Level.INFO, "chatroom is ready; MBean {0}", mbeanName);
  }

  /** The clients were told and closed already, by {@link ShutdownNotifier}. */
  @Override
  public void contextDestroyed(ServletContextEvent event) {
    unregisterMBean();
    InheritedContextCleaner.clear();
    LOG.info("chatroom stopped");
  }

  /** The lines' database, migrated before the first connection; a failure stops the deployment. */
  private static void openDatabase(CDI<Object> cdi, String contextPath) {
    String name = contextPath.isEmpty() ? "ROOT" : contextPath.substring(1).replace('/', '-');
    try {
      cdi.select(ChatDatabase.class).get().open(name);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "chatroom cannot open its database: {0}", e.toString());
      throw new IllegalStateException("chatroom cannot open its database: " + e, null);
    }
  }

  private void registerMBean(String contextPath, Administration administration) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      mbeanName =
          new ObjectName(
              "chatroom:type=Rooms,context=" + (contextPath.isEmpty() ? "/" : contextPath));
      if (server.isRegistered(mbeanName)) {
        server.unregisterMBean(mbeanName);
      }
      server.registerMBean(
          new ApplicationMBean<>(
              administration, RoomsMXBean.class, Thread.currentThread().getContextClassLoader()),
          mbeanName);
    } catch (JMException e) {
      LOG.log(Level.WARNING, "The chatroom MBean could not be registered; JMX will not show it", e);
      mbeanName = null;
    }
  }

  private void unregisterMBean() {
    if (mbeanName == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
    } catch (JMException e) {
      LOG.log(Level.FINE, "The chatroom MBean was already gone", e);
    }
    mbeanName = null;
  }

  private static IllegalArgumentException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException) {
        return (IllegalArgumentException) t;
      }
    }
    return null;
  }
}
