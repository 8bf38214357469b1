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
          .append(line.room())
          .append('\t')
          .append(line.nickname())
          .append('\t')
          .append(line.text().replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      writer.flush();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Writing the transcript failed; it is off until redeploy", e);
      folder = Optional.empty();
    }
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
