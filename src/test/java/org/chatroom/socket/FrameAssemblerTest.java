package org.chatroom.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.chatroom.socket.FrameAssembler.FrameTooBigException;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

  private final FrameAssembler assembler = new FrameAssembler(10);

  @Test
  void aFrameInOnePartPassesAsItIs() throws Exception {
    String frame = "{\"a\":1}";
    assertSame(frame, assembler.append(frame, true));
  }

  @Test
  void partsAreJoinedUntilTheLastOne() throws Exception {
    assertNull(assembler.append("abc", false));
    assertNull(assembler.append("def", false));
    assertEquals("abcdefghij", assembler.append("ghij", true));
    assertEquals("next", assembler.append("next", true), "the next frame starts afresh");
  }

  @Test
  void aFrameOverTheLimitIsRefusedWholeOrInParts() throws Exception {
    assertThrows(FrameTooBigException.class, () -> assembler.append("x".repeat(11), true));

    assertNull(assembler.append("x".repeat(6), false));
    assertThrows(FrameTooBigException.class, () -> assembler.append("x".repeat(5), false));
    assertEquals("x".repeat(10), assembler.append("x".repeat(10), true), "and nothing is kept");
  }
}
