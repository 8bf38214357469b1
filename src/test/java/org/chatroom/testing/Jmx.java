package org.chatroom.testing;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.chatroom.ops.RoomsMXBean;

/**
 * Reaches the chat room's MBean the way JConsole and VisualVM do on the server's own machine: the
 * JDK's attach API finds the server's JVM, starts its local management agent and connects to it.
 * Nothing on the server is configured for it, and each call runs on one of the agent's own threads,
 * as an operator's would.
 */
public final class Jmx implements AutoCloseable {

  /** The main classes or jars of the servers the tests run: Tomcat, Payara, WildFly. */
  private static final Pattern SERVER =
      Pattern.compile(
          "org\\.apache\\.catalina\\.startup\\.Bootstrap|payara-micro|ASMain|jboss-modules");

  private final JMXConnector connector;
  private final ObjectName name;

  private Jmx(JMXConnector connector, ObjectName name) {
    this.connector = connector;
    this.name = name;
  }

  /** Attaches to the running server whose chat room is deployed at {@code contextPath}. */
  public static Jmx attach(String contextPath) throws Exception {
    ObjectName name = mbeanName(contextPath);
    List<String> seen = new ArrayList<>();
    for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
      if (!SERVER.matcher(jvm.displayName()).find()) {
        continue;
      }
      seen.add(jvm.id() + " " + jvm.displayName());
      JMXConnector connector = connect(jvm);
      if (connector == null) {
        continue;
      }
      if (connector.getMBeanServerConnection().isRegistered(name)) {
        return new Jmx(connector, name);
      }
      connector.close();
    }
    throw new AssertionError("No server JVM here registers " + name + "; servers seen: " + seen);
  }

  /** Attaches to the server of that process id: one of several serving the same context. */
  public static Jmx attach(long pid, String contextPath) throws Exception {
    ObjectName name = mbeanName(contextPath);
    for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
      if (jvm.id().equals(Long.toString(pid))) {
        JMXConnector connector = connect(jvm);
        if (connector != null && connector.getMBeanServerConnection().isRegistered(name)) {
          return new Jmx(connector, name);
        }
        if (connector != null) {
          connector.close();
        }
      }
    }
    throw new AssertionError("Process " + pid + " registers no " + name);
  }

  private static JMXConnector connect(VirtualMachineDescriptor jvm) throws IOException {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(jvm);
    } catch (AttachNotSupportedException | IOException gone) {
      return null; // a JVM that ended since the list was taken
    }
    try {
      String address = vm.startLocalManagementAgent();
      return JMXConnectorFactory.connect(new JMXServiceURL(address));
    } finally {
      vm.detach();
    }
  }

  public static ObjectName mbeanName(String contextPath) throws MalformedObjectNameException {
    return new ObjectName("chatroom:type=Rooms,context=" + contextPath);
  }

  /** The MBean as an operator's tool sees it: every call goes over the connector. */
  public RoomsMXBean rooms() {
    return JMX.newMXBeanProxy(connection(), name, RoomsMXBean.class);
  }

  public MBeanServerConnection connection() {
    try {
      return connector.getMBeanServerConnection();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
