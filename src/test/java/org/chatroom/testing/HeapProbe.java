package org.chatroom.testing;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of a server that runs as a child process ({@link ServerProcess}), read over the JVM's
 * local management agent, which the probe starts by attaching to the process: no port to pick, no
 * option the server must have been started with.
 */
public final class HeapProbe implements AutoCloseable {

  private final long pid;
  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final List<com.sun.management.GarbageCollectorMXBean> collectors;
  private final Set<String> heapPools;

  private HeapProbe(long pid, JMXConnector connector) throws IOException {
    this.pid = pid;
    this.connector = connector;
    MBeanServerConnection server = connector.getMBeanServerConnection();
    memory =
        ManagementFactory.newPlatformMXBeanProxy(
            server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    collectors =
        ManagementFactory.getPlatformMXBeans(
            server, com.sun.management.GarbageCollectorMXBean.class);
    heapPools =
        ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
  }

  /** Attaches to the JVM of the running server: the child process started in its home. */
  public static HeapProbe attach(ServerProcess<?> server) throws Exception {
    String home = server.home().toString();
    long pid =
        ProcessHandle.current()
            .descendants()
            .filter(
                process ->
                    process
                        .info()
                        .arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(a -> a.contains(home)))
                        .orElse(false))
            .mapToLong(ProcessHandle::pid)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No server process runs in " + home));
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    return new HeapProbe(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
  }

  public long pid() {
    return pid;
  }

  /** Bytes of heap in use now, garbage included. */
  public long used() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * Bytes of heap in use right after the latest collection of any kind, young ones included: what
   * survived it, so nearly what is alive (and what was promoted), without forcing a collection.
   */
  public long usedAfterLatestCollection() {
    return collectors.stream()
        .map(com.sun.management.GarbageCollectorMXBean::getLastGcInfo)
        .filter(info -> info != null)
        .max((a, b) -> Long.compare(a.getEndTime(), b.getEndTime()))
        .map(
            info ->
                info.getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> heapPools.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed())
                    .sum())
        .orElse(0L);
  }

  /** Bytes of heap in use after a full collection: what the server really keeps. */
  public long usedAfterFullCollection() {
    memory.gc();
    return used();
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
