package org.chatroom.room;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of a room as it stands in the URL ({@code /chat/lobby}): letters, digits, {@code -} and
 * {@code _}, 1 to 32 of them, compared and shown in lower case so that a link typed in another case
 * still reaches the same room.
 *
 * <p>The name is the room's identity (its lines in the store, its URL), so look-alike folding never
 * changes it. Instead a name that could only be a disguise is refused: invisible letters (the
 * Hangul fillers), or scripts mixed the way a look-alike is made ({@code lоbby} with a Cyrillic
 * {@code о}). {@link #looksLike} tells the registry whether a name imitates another one.
 */
public final class RoomName {

  /** In code points; clients are told it in the handshake, not to guess it. */
  public static final int MAX_LENGTH = 32;

  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}_-]+");

  private final String value;
  private final String key;
  private final String keyAsTyped;

  private RoomName(String value, String key, String keyAsTyped) {
    this.value = value;
    this.key = key;
    this.keyAsTyped = keyAsTyped;
  }

  public static RoomName parse(String raw) throws RoomException {
    String typed = raw == null || Names.isTooLongToRead(raw, MAX_LENGTH) ? "" : raw.strip();
    String name = typed.toLowerCase(Locale.ROOT);
    if (name.isEmpty()
        || Names.length(name) > MAX_LENGTH
        || !ALLOWED.matcher(name).matches()
        || Names.hasForbiddenCharacter(name)) {
      throw new RoomException(
          Refusal.ROOM_INVALID,
          "A room name has 1 to " + MAX_LENGTH + " letters, digits, '-' or '_'.");
    }
    if (LookAlikes.mixesScripts(name)) {
      throw new RoomException(
          Refusal.ROOM_INVALID,
          "A room name cannot mix alphabets whose letters look alike, such as Latin and Cyrillic,"
              + " nor digits of two kinds.");
    }
    return new RoomName(name, LookAlikes.key(name), LookAlikes.keyAsDrawn(typed));
  }

  public String value() {
    return value;
  }

  /**
   * Whether this name, as it was typed, would be read as the other, different one: {@code c1ass} or
   * {@code cIass} for {@code class}.
   */
  boolean looksLike(RoomName other) {
    return !other.value.equals(value) && (other.key.equals(key) || other.key.equals(keyAsTyped));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RoomName && ((RoomName) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
