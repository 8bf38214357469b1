package org.chatroom.ops;

import java.lang.reflect.Field;
import java.security.AccessControlContext;
import java.security.ProtectionDomain;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets go of the container's threads on undeploy. On JDK 17 every new thread keeps the access
 * control context of the code that started it, with the protection domains, and so the class
 * loaders, of every class on that stack. A container worker thread that its pool created while our
 * send path was on the stack keeps this application's class loader alive after undeploy (Tomcat's
 * "Find leaks" names it). Tomcat clears that field itself only under a security manager; without
 * one the context is never consulted, so an empty one replaces ours.
 */
final class InheritedContextCleaner {

  private static final Logger LOG = Logger.getLogger(InheritedContextCleaner.class.getName());

  private InheritedContextCleaner() {}

  @SuppressWarnings("removal")
  static void clear() {
    if (System.getSecurityManager() != null) {
      return; // the container manages contexts itself under a security manager
    }
    Field inherited;
    try {
      inherited = Thread.class.getDeclaredField("inheritedAccessControlContext");
      inherited.setAccessible(true);
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.log(Level.FINE, "Thread contexts cannot be cleared on this JVM", e);
      return;
    }
    AccessControlContext empty = new AccessControlContext(new ProtectionDomain[0]);
    int cleared = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      try {
        if (inherited.get(thread) != null) {
          inherited.set(thread, empty);
          cleared++;
        }
      } catch (IllegalAccessException | RuntimeException e) {
        LOG.log(Level.FINE, "Clearing the context of " + thread.getName() + " failed", e);
      }
    }
    LOG.log(Level.FINE, "Cleared the inherited access context of {0} threads", cleared);
  }
}
