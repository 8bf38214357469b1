package org.chatroom.socket;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/** What went through the endpoint since the application started, for operators. */
@ApplicationScoped
public class Traffic {

  private final LongAdder relayed = new LongAdder();
  private final LongAdder refused = new LongAdder();

  void relayed() {
    relayed.increment();
  }

  void refused() {
    refused.increment();
  }

  /** Chat lines relayed to their rooms. */
  public long messagesRelayed() {
    return relayed.sum();
  }

  /** Frames answered with a {@code system} error. */
  public long messagesRefused() {
    return refused.sum();
  }
}
