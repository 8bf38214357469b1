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
  void refusalsMakeAFloodAndEachAllowedFrameForgivesOne() {
    TokenBucket bucket = new TokenBucket(1, 1, 3, now::get);
    assertEquals(ALLOWED, bucket.take());
    assertEquals(REFUSED, bucket.take()); // 1 strike
    assertEquals(REFUSED, bucket.take()); // 2
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertEquals(ALLOWED, bucket.take()); // 1
    assertEquals(REFUSED, bucket.take()); // 2
    assertEquals(FLOODING, bucket.take()); // 3
  }

  @Test
  void aFlooderRefusedNineTimesPerTokenIsCaughtAtLast() {
    TokenBucket bucket = new TokenBucket(5, 1, 10, now::get);
    TokenBucket.Verdict verdict = ALLOWED;
    for (int frame = 0; frame < 1000 && verdict != FLOODING; frame++) {
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(20)); // 50 frames a second, 5 let through
      verdict = bucket.take();
    }
    assertEquals(FLOODING, verdict);
  }

  @Test
  void anOccasionalRefusalIsForgivenByTheFramesAfterIt() {
    TokenBucket bucket = new TokenBucket(5, 1, 3, now::get);
    for (int round = 0; round < 100; round++) {
      assertEquals(ALLOWED, bucket.take());
      assertEquals(REFUSED, bucket.take()); // one too many, now and then
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
      assertEquals(ALLOWED, bucket.take(), "round " + round);
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }
}
