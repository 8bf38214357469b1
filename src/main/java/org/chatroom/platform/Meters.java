package org.chatroom.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This deployment's meter registry, in Prometheus form, and the meters the connections record to.
 *
 * <p>One registry per deployment, never Micrometer's static global one: it goes with the
 * application, and a redeploy starts from a new one. The JVM's figures come from Micrometer's
 * binders; the garbage collector's is the one that leaves listeners on the JVM's beans, so it is
 * closed with the registry. The histograms have fixed buckets (a few, readable as {@code le}
 * labels) rather than Micrometer's seventy-odd percentile buckets: every scrape carries them.
 */
@ApplicationScoped
public class Meters {

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /** Powers of two up to the default outbox limit (8,192 frames). */
  private static final double[] DEPTH_BUCKETS = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024, 2_048, 4_096, 8_192
  };

  private final AtomicBoolean closed = new AtomicBoolean();
  private PrometheusMeterRegistry registry;
  private JvmGcMetrics garbageCollection;
  private Timer deliveryLatency;
  private DistributionSummary outboxDepth;
  private Counter sendBatches;

  /** Made here rather than in a constructor, which CDI's proxy would run too. */
  @PostConstruct
  void open() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    garbageCollection = new JvmGcMetrics();
    new JvmMemoryMetrics().bindTo(registry);
    garbageCollection.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    deliveryLatency =
        Timer.builder("chatroom.delivery.latency")
            .description(
                "From a room queuing a frame for a member (a stored line, as the room accepts it)"
                    + " to the frame being handed to that member's connection to send")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    outboxDepth =
        DistributionSummary.builder("chatroom.outbox.depth")
            .description(
                "Frames a connection has not sent yet, the one being sent and the new one"
                    + " included, as each frame is queued")
            .baseUnit("frames")
            .serviceLevelObjectives(DEPTH_BUCKETS)
            .register(registry);
    sendBatches =
        Counter.builder("chatroom.send.batches")
            .description(
                "Frames waiting for one connection sent together, in one write (Tomcat only)")
            .register(registry);
  }

  /** Recorded once per recipient of every broadcast frame. */
  public Timer deliveryLatency() {
    return deliveryLatency;
  }

  /** Recorded once per frame queued on a connection. */
  public DistributionSummary outboxDepth() {
    return outboxDepth;
  }

  /** Counted once per batch a connection sends. */
  public Counter sendBatches() {
    return sendBatches;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Once: the application closes it before CDI would. */
  @PreDestroy
  public void close() {
    if (closed.compareAndSet(false, true)) {
      garbageCollection.close();
      registry.close();
    }
  }
}
