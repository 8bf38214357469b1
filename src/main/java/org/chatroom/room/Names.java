package org.chatroom.room;

import java.text.Normalizer;
import java.util.Locale;

/** The character rules nicknames and room names share. */
final class Names {

  private Names() {}

  /**
   * Whether the text holds a character that must never be shown as part of a name: controls,
   * invisible format characters (which include the bidi overrides), unpaired surrogates and
   * unassigned code points.
   */
  static boolean hasForbiddenCharacter(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int type = Character.getType(cp);
      if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.SURROGATE
          || type == Character.UNASSIGNED
          || type == Character.PRIVATE_USE
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * Whether a chat line holds a character that could corrupt or disguise what others see: controls
   * other than tab and line breaks, unpaired surrogates, and the bidi embedding, override and
   * isolate controls that can make a line read differently from what it says. Other format
   * characters stay allowed: emoji sequences need the zero-width joiner.
   */
  static boolean hasForbiddenTextCharacter(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int type = Character.getType(cp);
      if ((type == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r')
          || type == Character.SURROGATE
          || (cp >= 0x202A && cp <= 0x202E)
          || (cp >= 0x2066 && cp <= 0x2069)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** The form two names are compared in: look-alikes (NFKC) and case folded together. */
  static String comparisonKey(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
