package org.chatroom.room;

import java.util.Objects;

/**
 * A member's name as shown, and the key that makes it unique in a room: trimmed, 1 to {@code
 * maxLength} characters, no control, invisible or blank characters and no space but U+0020,
 * compared ignoring case, width and look-alike letters (see {@link LookAlikes#key}). {@code
 * system}, what the server writes as the author of its own notices, is nobody's name, in any case
 * or disguise.
 */
public final class Nickname {

  private static final String RESERVED = LookAlikes.key("system");

  private final String display;
  private final String key;
  private final int maxLength;

  private Nickname(String display, String key, int maxLength) {
    this.display = display;
    this.key = key;
    this.maxLength = maxLength;
  }

  public static Nickname parse(String raw, int maxLength) throws RoomException {
    String problem = problemWith(raw, maxLength);
    if (problem != null) {
      throw new RoomException(Refusal.NICKNAME_INVALID, problem);
    }
    String display = raw.strip();
    String key = LookAlikes.key(display);
    if (key.equals(RESERVED)) {
      throw new RoomException(
          Refusal.NICKNAME_INVALID, "The nickname '" + display + "' is reserved; pick another.");
    }
    return new Nickname(display, key, maxLength);
  }

  /** Why the text is no nickname, or null if it may be one; the cheap checks come first. */
  private static String problemWith(String raw, int maxLength) {
    if (raw != null && Names.isTooLongToRead(raw, maxLength)) {
      return "A nickname has at most " + maxLength + " characters.";
    }
    String trimmed = raw == null ? "" : raw.strip();
    if (trimmed.isEmpty()) {
      return "Choose a nickname first.";
    }
    if (Names.length(trimmed) > maxLength) {
      return "A nickname has at most " + maxLength + " characters.";
    }
    if (Names.hasForbiddenCharacter(trimmed)) {
      return "A nickname cannot hold control, invisible or blank characters, nor spaces other than"
          + " the plain one.";
    }
    return null;
  }

  public String display() {
    return display;
  }

  String key() {
    return key;
  }

  /**
   * Whether a name a client wrote means this nickname, under the uniqueness rules. Only a name that
   * would be a valid nickname can: one too long is not looked at further.
   */
  public boolean isSameAs(String raw) {
    return problemWith(raw, maxLength) == null && LookAlikes.key(raw.strip()).equals(key);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Nickname && ((Nickname) other).key.equals(key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key);
  }

  @Override
  public String toString() {
    return display;
  }
}
