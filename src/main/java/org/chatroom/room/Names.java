package org.chatroom.room;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;

/** The character rules nicknames and room names share. */
final class Names {

  private static final int EMOJI_PRESENTATION = 0xFE0F;
  private static final int BRAILLE_BLANK = 0x2800;

  private Names() {}

  /**
   * Whether a name is too long to look at. It is checked on the raw text, before any trimming or
   * normalisation: NFKC can make one character into eighteen, so a long name is refused before that
   * work is done. A name of {@code maxLength} characters takes at most twice as many UTF-16 units.
   */
  static boolean isTooLongToRead(String raw, int maxLength) {
    return raw.length() > 2 * maxLength;
  }

  /**
   * Whether the text holds a character that must never be shown as part of a name: controls, format
   * characters (which include the bidi overrides and the zero-width joiner), unpaired surrogates,
   * unassigned and private-use code points, line and paragraph separators, every space but U+0020
   * (a no-break space reads like a plain one, or like nothing at the end of a name), the
   * default-ignorable code points that fonts draw as nothing (variation selectors, the combining
   * grapheme joiner, the Hangul fillers, tags...), and characters drawn blank such as the braille
   * blank U+2800. The one exception is the emoji variation selector U+FE0F right after a
   * pictographic emoji ({@code ❤️}), which phones add by themselves; the comparison key ignores it.
   */
  static boolean hasForbiddenCharacter(String text) {
    int previous = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isForbidden(cp, previous)) {
        return true;
      }
      previous = cp;
      i += Character.charCount(cp);
    }
    return false;
  }

  private static boolean isForbidden(int cp, int previous) {
    switch (UCharacter.getType(cp)) {
      case UCharacterCategory.CONTROL:
      case UCharacterCategory.FORMAT:
      case UCharacterCategory.SURROGATE:
      case UCharacterCategory.UNASSIGNED:
      case UCharacterCategory.PRIVATE_USE:
      case UCharacterCategory.LINE_SEPARATOR:
      case UCharacterCategory.PARAGRAPH_SEPARATOR:
        return true;
      case UCharacterCategory.SPACE_SEPARATOR:
        return cp != ' ';
      default:
        break;
    }
    if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
      return !(cp == EMOJI_PRESENTATION
          && previous >= 0
          && UCharacter.hasBinaryProperty(previous, UProperty.EXTENDED_PICTOGRAPHIC));
    }
    return cp == BRAILLE_BLANK;
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

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
