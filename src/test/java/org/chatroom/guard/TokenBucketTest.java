package org.chatroom.guard;

import static org.chatroom.guard.TokenBucket.Verdict.ALLOWED;
import static org.chatroom.guard.TokenBucket.Verdict.FLOODING;
import static org.chatroom.guard.TokenBucket.Verdict.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void allowsTheBurstThenRefusesUntilRefilled() {
    TokenBucket bucket = new TokenBucket(2, 3, 100, now::get);
    assertEquals(ALLOWED, bucket.take());
    assertEquals(ALLOWED, bucket.take());
    assertEquals(ALLOWED, bucket.take());
    assertEquals(REFUSED, bucket.take());

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // half a second: one token at 2/s
    assertEquals(ALLOWED, bucket.take());
    assertEquals(REFUSED, bucket.take());
  }

  @Test
  void refillStopsAtTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 2, 100, now::get);
    now.addAndGet(TimeUnit.SECONDS.toNanos(60));
    assertEquals(ALLOWED, bucket.take());
    assertEquals(ALLOWED, bucket.take());
    assertEquals(REFUSED, bucket.take());
  }

  @Test
  void refusalsInARowMakeAFloodAndAnAllowedFrameForgivesThem() {
    TokenBucket bucket = new TokenBucket(1, 1, 3, now::get);
    assertEquals(ALLOWED, bucket.take());
    assertEquals(REFUSED, bucket.take());
    assertEquals(REFUSED, bucket.take());
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertEquals(ALLOWED, bucket.take());
    assertEquals(REFUSED, bucket.take());
    assertEquals(REFUSED, bucket.take());
    assertEquals(FLOODING, bucket.take());
  }
}
