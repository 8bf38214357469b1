package org.chatroom.room;

import java.util.Objects;

/**
 * A member's name as shown, and the key that makes it unique in a room: trimmed, 1 to {@code
 * maxLength} characters, no control or invisible characters, compared ignoring case and look-alike
 * forms.
 */
public final class Nickname {

  private final String display;
  private final String key;

  private Nickname(String display) {
    this.display = display;
    this.key = Names.comparisonKey(display);
  }

  public static Nickname parse(String raw, int maxLength) throws RoomException {
    String trimmed = raw == null ? "" : raw.strip();
    if (trimmed.isEmpty()) {
      throw new RoomException(Refusal.NICKNAME_INVALID, "Choose a nickname first.");
    }
    if (Names.length(trimmed) > maxLength) {
      throw new RoomException(
          Refusal.NICKNAME_INVALID, "A nickname has at most " + maxLength + " characters.");
    }
    if (Names.hasForbiddenCharacter(trimmed)) {
      throw new RoomException(
          Refusal.NICKNAME_INVALID, "A nickname cannot hold control or invisible characters.");
    }
    return new Nickname(trimmed);
  }

  public String display() {
    return display;
  }

  String key() {
    return key;
  }

  /** Whether a name a client wrote means this nickname, under the uniqueness rules. */
  public boolean isSameAs(String raw) {
    return raw != null && Names.comparisonKey(raw.strip()).equals(key);
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
