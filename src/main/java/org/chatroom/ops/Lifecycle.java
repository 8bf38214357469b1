package org.chatroom.ops;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.chatroom.cluster.ClusterCommands;
import org.chatroom.cluster.ClusterListener;
import org.chatroom.cluster.NodeHeartbeat;
import org.chatroom.platform.ChatSettings;
import org.chatroom.platform.Meters;
import org.chatroom.protocol.Frames;
import org.chatroom.room.RoomRegistry;
import org.chatroom.room.Transcript;
import org.chatroom.socket.Heartbeat;
import org.chatroom.socket.SessionCloser;
import org.chatroom.store.ChatDatabase;
import org.chatroom.store.JdbcLineStore;
import org.chatroom.store.JdbcMemberDirectory;

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
    Administration administration = cdi.select(Administration.class).get();
    cdi.select(ClusterCommands.class).get().handleWith(administration::run);
    cdi.select(ClusterListener.class).get().start();
    cdi.select(NodeHeartbeat.class).get().start();
    registerMBean(contextPath, administration);
    cdi.select(Readiness.class).get().up();
    LOG.log(Level.INFO, "chatroom is ready; MBean {0}", mbeanName);
  }

  /** The clients were told and closed already, by {@link ShutdownNotifier}. */
  @Override
  public void contextDestroyed(ServletContextEvent event) {
    unregisterMBean();
    stopInOrder(CDI.current().getBeanManager());
    InheritedContextCleaner.clear();
    LOG.info("chatroom stopped");
  }

  /**
   * Stops the chat room's parts here, in order (no more timers and closes, then the rooms, then the
   * lines still queued for the store, then the store), rather than leaving it to CDI: a full Payara
   * Server destroys the beans after the application's class loader has closed, where any class not
   * loaded yet is missing (the store lost its queued lines with a NoClassDefFoundError), and in no
   * particular order. Each stop is idempotent, so CDI's own call later finds nothing to do. Beans
   * never created are left alone.
   */
  private static void stopInOrder(BeanManager beans) {
    ifCreated(beans, Heartbeat.class, Heartbeat::stop);
    ifCreated(beans, SessionCloser.class, SessionCloser::stop);
    ifCreated(beans, ClusterListener.class, ClusterListener::stop);
    ifCreated(beans, NodeHeartbeat.class, NodeHeartbeat::stop);
    ifCreated(beans, RoomRegistry.class, RoomRegistry::stop);
    ifCreated(beans, JdbcMemberDirectory.class, JdbcMemberDirectory::stop);
    ifCreated(beans, JdbcLineStore.class, JdbcLineStore::stop);
    ifCreated(beans, ChatDatabase.class, ChatDatabase::close);
    ifCreated(beans, Transcript.class, Transcript::close);
    ifCreated(beans, Meters.class, Meters::close);
    ifCreated(beans, Frames.class, Frames::close);
  }

  private static <T> void ifCreated(BeanManager beans, Class<T> type, Consumer<T> stop) {
    Bean<?> bean = beans.resolve(beans.getBeans(type));
    if (bean == null) {
      return;
    }
    Object instance = beans.getContext(bean.getScope()).get(bean);
    if (instance != null) {
      stop.accept(type.cast(instance));
    }
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
