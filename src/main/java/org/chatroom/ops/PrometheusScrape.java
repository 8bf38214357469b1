package org.chatroom.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.chatroom.platform.Meters;

/**
 * What {@code GET /api/metrics} writes: the MBean's figures as {@code chatroom_*} meters beside the
 * delivery histograms and the JVM's meters, in Prometheus' text format (or OpenMetrics, for a
 * scraper that asks for it).
 *
 * <p>The figures are taken once per scrape, so that they agree with each other, and only as totals:
 * room names stay out (rooms are unlisted invitations), as do nicknames and text.
 */
@ApplicationScoped
public class PrometheusScrape {

  /** The formats the registry writes, as its writers name them (they are not on our API). */
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final String OPEN_METRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final StatsSnapshot NOTHING_YET = new StatsSnapshot(0, 0, 0, 0, Map.of(), 0, 0, 1);

  private Statistics statistics;
  private Meters meters;

  /** The figures the meters report; replaced at each scrape. */
  private volatile StatsSnapshot figures = NOTHING_YET;

  /** For CDI's proxy only. */
  protected PrometheusScrape() {}

  @Inject
  public PrometheusScrape(Statistics statistics, Meters meters) {
    this.statistics = statistics;
    this.meters = meters;
  }

  @PostConstruct
  void registerFigures() {
    MeterRegistry registry = meters.registry();
    gauge(
        registry,
        "chatroom.connections.open",
        "WebSocket connections open",
        s -> s.connectionsOpen());
    gauge(registry, "chatroom.rooms", "Rooms with at least one connection open", s -> s.rooms());
    // This server's own members: scraped per server, the figures add up to the whole service.
    gauge(
        registry,
        "chatroom.users.online",
        "Members logged in on this server, all rooms",
        s -> s.usersHere());
    counter(
        registry,
        "chatroom.messages.relayed",
        "Chat lines relayed to their rooms since the application started",
        s -> s.messagesRelayed());
    counter(
        registry,
        "chatroom.messages.refused",
        "Frames answered with a system error since the application started",
        s -> s.messagesRefused());
  }

  /** The content type to answer with, given the scraper's {@code Accept} header (may be null). */
  public String contentType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text")
        ? OPEN_METRICS
        : PROMETHEUS_TEXT;
  }

  /** Takes the figures and writes every meter in the format of that content type. */
  public synchronized void write(OutputStream out, String contentType) throws IOException {
    figures = statistics.snapshot();
    meters.registry().scrape(out, contentType);
  }

  private void gauge(
      MeterRegistry registry, String name, String description, ToDoubleFunction<StatsSnapshot> f) {
    Gauge.builder(name, this, scrape -> f.applyAsDouble(scrape.figures))
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private void counter(
      MeterRegistry registry, String name, String description, ToDoubleFunction<StatsSnapshot> f) {
    FunctionCounter.builder(name, this, scrape -> f.applyAsDouble(scrape.figures))
        .description(description)
        .register(registry);
  }
}
