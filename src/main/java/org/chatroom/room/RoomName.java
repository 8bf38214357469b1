package org.chatroom.room;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of a room as it stands in the URL ({@code /chat/lobby}): letters, digits, {@code -} and
 * {@code _}, 1 to 32 of them, compared and shown in lower case so that a link typed in another case
 * still reaches the same room.
 */
public final class RoomName {

  private static final int MAX_LENGTH = 32;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}_-]+");

  private final String value;

  private RoomName(String value) {
    this.value = value;
  }

  public static RoomName parse(String raw) throws RoomException {
    String name = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()
        || Names.length(name) > MAX_LENGTH
        || !ALLOWED.matcher(name).matches()
        || Names.hasForbiddenCharacter(name)) {
      throw new RoomException(
          Refusal.ROOM_INVALID,
          "A room name has 1 to " + MAX_LENGTH + " letters, digits, '-' or '_'.");
    }
    return new RoomName(name);
  }

  public String value() {
    return value;
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
