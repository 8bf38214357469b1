package org.chatroom.ops;

import com.ibm.icu.text.BreakIterator;
import java.util.Locale;

/**
 * An operator's text as the reason phrase of a close frame. A close frame carries at most 123 bytes
 * of UTF-8 after its code (RFC 6455, 5.5), and {@code CloseReason} throws on a longer phrase: 42
 * Chinese characters are too many. A longer text is cut after its last whole grapheme cluster that
 * fits with an ellipsis, so a phrase never ends in half a surrogate pair, an emoji without its
 * modifier or a letter without its accent. The whole text goes in the notice sent before the close.
 */
final class ClosePhrase {

  static final int MAX_BYTES = 123;

  private static final String ELLIPSIS = "…";

  private ClosePhrase() {}

  /** The text itself if it fits in a close frame, else as much of it as fits, and an ellipsis. */
  static String of(String text) {
    if (utf8Length(text, 0, text.length()) <= MAX_BYTES) {
      return text;
    }
    int budget = MAX_BYTES - utf8Length(ELLIPSIS, 0, ELLIPSIS.length());
    BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
    clusters.setText(text);
    int end = 0;
    int bytes = 0;
    for (int next = clusters.next(); next != BreakIterator.DONE; next = clusters.next()) {
      bytes += utf8Length(text, end, next);
      if (bytes > budget) {
        break;
      }
      end = next;
    }
    return text.substring(0, end).stripTrailing() + ELLIPSIS;
  }

  /**
   * The UTF-8 length of text[from, to), as {@code String.getBytes(UTF_8)} counts it: an unpaired
   * surrogate becomes one {@code ?}.
   */
  private static int utf8Length(String text, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint < 0x80 || Character.isSurrogate((char) codePoint)) {
        bytes += 1;
      } else if (codePoint < 0x800) {
        bytes += 2;
      } else if (codePoint < 0x10000) {
        bytes += 3;
      } else {
        bytes += 4;
      }
    }
    return bytes;
  }
}
