package org.chatroom.protocol;

/**
 * A short, cut quote of what a client sent, for a refusal to name it. A refusal never echoes a
 * client's text whole: a client could otherwise make the server send, and hold for it, a copy of
 * every large frame it sends.
 */
final class Excerpt {

  /** Enough to recognise a mistyped field or type; longer ones are cut. */
  static final int MAX_CHARS = 32;

  private Excerpt() {}

  static String of(String text) {
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int end = MAX_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half a character
    }
    return text.substring(0, end) + "… (" + text.length() + " characters)";
  }
}
