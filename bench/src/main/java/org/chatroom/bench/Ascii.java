package org.chatroom.bench;

import java.nio.charset.StandardCharsets;

/**
 * Searches in the raw bytes of a frame's head, which the generator reads without decoding: every
 * marker it looks for is ASCII, and UTF-8 never uses an ASCII byte inside another character.
 */
final class Ascii {

  private Ascii() {}

  static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code bytes[from, end)} starts with {@code prefix}. */
  static boolean startsWith(byte[] bytes, int from, int end, byte[] prefix) {
    if (end - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where {@code part} first starts in {@code bytes[from, length)}, or -1. */
  static int indexOf(byte[] bytes, int length, byte[] part, int from) {
    byte first = part[0];
    for (int i = Math.max(0, from); i <= length - part.length; i++) {
      if (bytes[i] != first) {
        continue;
      }
      int j = 1;
      while (j < part.length && bytes[i + j] == part[j]) {
        j++;
      }
      if (j == part.length) {
        return i;
      }
    }
    return -1;
  }
}
