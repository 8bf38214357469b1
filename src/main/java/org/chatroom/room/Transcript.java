package org.chatroom.room;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.chatroom.platform.ChatSettings;

/**
 * The opt-in record of what was said (the seed's {@code LOG_PATH}): one file a day, {@code
 * chatroom-transcript-2026-11-28.log} in the configured folder, a line per chat line with time,
 * room, nickname and text. Off unless {@code chatroom.transcript.path} is set; message text is
 * never written to the server log.
 *
 * <p>A record is one line of UTF-8 ending in {@code \n}: {@code time TAB room TAB nickname TAB
 * text}, the time as ISO-8601 UTC ({@code 2026-11-28T10:00:00.123Z}). So that no one can forge a
 * record, or make one look like another, in each of room, nickname and text a backslash becomes
 * {@code \\}, a line feed {@code \n}, a carriage return {@code \r}, a tab {@code \t}, and every
 * other control character (C0, DEL, C1 such as U+0085), line or paragraph separator (U+2028,
 * U+2029), bidirectional control (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) and
 * unpaired surrogate becomes <code>&#92;u{XXXX}</code>, its code in hex. A backslash starts nothing
 * else, so the escaping reverses exactly: read {@code \\}, {@code \n}, {@code \r}, {@code \t} and
 * <code>&#92;u{...}</code> back, everything else as it is.
 *
 * <p>Lines are recorded as the store reports them (see {@link Room}): on its one writer thread, in
 * number order, each by the room object its speaker was in, so each line exactly once.
 */
@ApplicationScoped
public class Transcript {

  private static final Logger LOG = Logger.getLogger(Transcript.class.getName());

  private Optional<Path> folder = Optional.empty();
  private LocalDate day;
  private BufferedWriter writer;

  /** For CDI's proxy only. */
  protected Transcript() {}

  @Inject
  public Transcript(ChatSettings settings) {
    this.folder = settings.transcriptPath();
  }

  public boolean enabled() {
    return folder.isPresent();
  }

  public synchronized void record(Line line) {
    if (folder.isEmpty()) {
      return;
    }
    Instant time = Instant.ofEpochMilli(line.time());
    try {
      writerFor(LocalDate.ofInstant(time, ZoneId.systemDefault()))
          .append(time.toString())
          .append('\t')
          .append(escape(line.room()))
          .append('\t')
          .append(escape(line.nickname()))
          .append('\t')
          .append(escape(line.text()))
          .append('\n');
      writer.flush();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Writing the transcript failed; it is off until redeploy", e);
      folder = Optional.empty();
    }
  }

  /** The field as the class comment says: no line break, tab or other control left in it. */
  public static String escape(String field) {
    StringBuilder escaped = new StringBuilder(field.length() + 16);
    for (int i = 0; i < field.length(); ) {
      int c = field.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (hidden(c)) {
            escaped.append("\\u{").append(String.format("%04X", c)).append('}');
          } else {
            escaped.appendCodePoint(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /** Whether a character could break a record, or make it look like something it is not. */
  private static boolean hidden(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /** The file of the line's day, opening the next one when the day changes. */
  private BufferedWriter writerFor(LocalDate lineDay) throws IOException {
    if (writer == null || !lineDay.equals(day)) {
      close();
      Path file = folder.orElseThrow().resolve("chatroom-transcript-" + lineDay + ".log");
      writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      day = lineDay;
    }
    return writer;
  }

  @PreDestroy
  public synchronized void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "Closing the transcript failed", e);
      }
      writer = null;
    }
  }
}
