package org.chatroom.room;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Which names look alike, by Unicode's confusables (UTS #39, through ICU4J's {@link SpoofChecker}):
 * {@code аlice} with a Cyrillic {@code а}, {@code ALICE} and {@code Ａｌｉｃｅ} all look like {@code
 * alice}.
 *
 * <p>The checkers are built once, here, because building one loads the confusables data (about a
 * fifth of a second); once built they are safe to share between threads, so every connection uses
 * the same ones.
 */
final class LookAlikes {

  private static final Normalizer2 FOLDED = Normalizer2.getNFKCCasefoldInstance();

  private static final SpoofChecker CONFUSABLES =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

  /*
   * Moderately restrictive (UTS #39, 5.2): one script, or Latin with one other script that has no
   * letters drawn like Latin ones (Han, Kana, Hangul, Arabic...). Latin mixed with Cyrillic, Greek
   * or Cherokee is refused, as are digits of two numbering systems ('1' and Arabic-Indic '١').
   */
  private static final SpoofChecker MIXED_SCRIPTS =
      new SpoofChecker.Builder()
          .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
          .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
          .build();

  private LookAlikes() {}

  /**
   * The form two names are compared in: the confusables skeleton of the name's NFKC case fold, so
   * that names differing only in case, width or look-alike letters have the same key.
   */
  static String key(String name) {
    return CONFUSABLES.getSkeleton(FOLDED.normalize(name));
  }

  /**
   * The key of the name as it is drawn before any case folding: {@code cIass} (capital i) folds to
   * {@code ciass} but is drawn like {@code class}.
   */
  static String keyAsDrawn(String name) {
    return key(CONFUSABLES.getSkeleton(name));
  }

  /** Whether the name mixes scripts or digits the way a disguised name does. */
  static boolean mixesScripts(String name) {
    return MIXED_SCRIPTS.failsChecks(name);
  }
}
