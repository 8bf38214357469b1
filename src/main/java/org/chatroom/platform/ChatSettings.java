package org.chatroom.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Every tunable limit of the chat room, with its default. A setting named {@code
 * chatroom.history.size} is read from the JVM system property of that name, else from the
 * environment variable {@code CHATROOM_HISTORY_SIZE}. A value that is not a whole number in range
 * stops the deployment with a message naming the setting.
 */
@ApplicationScoped
public class ChatSettings {

  public static final String HISTORY_SIZE = "chatroom.history.size";
  public static final String MAX_MESSAGE_LENGTH = "chatroom.message.max-length";
  public static final String NICKNAME_MAX_LENGTH = "chatroom.nickname.max-length";
  public static final String OUTBOX_LIMIT = "chatroom.outbox.limit";

  private final int historySize;
  private final int maxMessageLength;
  private final int nicknameMaxLength;
  private final int outboxLimit;

  public ChatSettings() {
    this(ChatSettings::fromSystem);
  }

  /** Settings read through the given lookup, which answers {@code null} for an unset name. */
  public ChatSettings(UnaryOperator<String> lookup) {
    historySize = intSetting(lookup, HISTORY_SIZE, 50, 0, 10_000);
    maxMessageLength = intSetting(lookup, MAX_MESSAGE_LENGTH, 2_000, 1, 100_000);
    nicknameMaxLength = intSetting(lookup, NICKNAME_MAX_LENGTH, 32, 1, 256);
    outboxLimit = intSetting(lookup, OUTBOX_LIMIT, 1_024, 16, 1_000_000);
  }

  /** How many recent lines a room keeps and replays to a newcomer. */
  public int historySize() {
    return historySize;
  }

  /** The longest chat line accepted, in characters. */
  public int maxMessageLength() {
    return maxMessageLength;
  }

  public int nicknameMaxLength() {
    return nicknameMaxLength;
  }

  /** How many frames may wait for one slow client before it is disconnected. */
  public int outboxLimit() {
    return outboxLimit;
  }

  private static String fromSystem(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value;
  }

  private static int intSetting(
      UnaryOperator<String> lookup, String name, int defaultValue, int min, int max) {
    String raw = lookup.apply(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Setting " + name + " must be a whole number, not '" + raw + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "Setting " + name + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }
}
