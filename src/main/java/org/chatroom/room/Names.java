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
