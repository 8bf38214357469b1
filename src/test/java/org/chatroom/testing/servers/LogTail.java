package org.chatroom.testing.servers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies what a server writes to its log file onto this JVM's standard output as it comes, where
 * {@code ServerLog} looks for trouble, as the Arquillian adapters do with a server's console.
 */
final class LogTail implements AutoCloseable {

  private final Path file;
  private final Thread thread;
  private volatile boolean running = true;

  private LogTail(Path file, long from) {
    this.file = file;
    this.thread = new Thread(() -> follow(from), "log-tail " + file.getFileName());
    thread.setDaemon(true);
  }

  /** Follows {@code file} from its present end (from its start if it does not exist yet). */
  static LogTail fromEnd(Path file) throws IOException {
    LogTail tail = new LogTail(file, Files.exists(file) ? Files.size(file) : 0);
    tail.thread.start();
    return tail;
  }

  private void follow(long from) {
    long position = from;
    while (running) {
      try {
        if (Files.exists(file)) {
          if (Files.size(file) < position) {
            position = 0; // the server rotated its log
          }
          try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] chunk = new byte[(int) Math.min(1 << 20, in.length() - position)];
            in.readFully(chunk);
            position += chunk.length;
            System.out.print(new String(chunk, StandardCharsets.UTF_8));
          }
        }
        Thread.sleep(200);
      } catch (IOException e) {
        System.out.println("(log tail of " + file + " stopped: " + e + ")");
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Copies what is left, then stops. */
  @Override
  public void close() throws InterruptedException {
    Thread.sleep(400);
    running = false;
    thread.join(5_000);
  }
}
