package org.chatroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BroadcastScenarioTest {

  @Test
  void aRoomGrowingByOneArrivalEachSendsOneLoginFramePerMemberThen() {
    assertEquals(6, BroadcastScenario.loginFrames(0, 3)); // 1, then 2, then 3: the echoes too
    assertEquals(3, BroadcastScenario.loginFrames(2, 3));
    assertEquals(37_502_500, BroadcastScenario.loginFrames(5_000, 10_000));
  }

  @Test
  void theNextSizesFillIsProjectedAtTheLastStepsRate() {
    assertEquals(0, BroadcastScenario.projectedFillSeconds(0, 100, 0), "nothing measured yet");
    // Node ws here: ~55,000 login frames a second; 10,000 from 5,000 is then about 11 minutes.
    assertEquals(681.9, BroadcastScenario.projectedFillSeconds(5_000, 10_000, 55_000), 0.1);
  }
}
