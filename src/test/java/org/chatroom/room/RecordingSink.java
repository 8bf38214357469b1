package org.chatroom.room;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A member's sink that keeps every frame a room hands it, in order. */
final class RecordingSink implements MessageSink {

  private final List<String> frames = new ArrayList<>();

  private final List<String> queued = new ArrayList<>();

  @Override
  public synchronized void enqueue(String frame) {
    queued.add(frame);
  }

  /** What was queued counts as received only once the room flushes it. */
  @Override
  public synchronized void flush() {
    frames.addAll(queued);
    queued.clear();
  }

  synchronized List<JsonObject> frames() {
    return frames.stream()
        .map(text -> Json.createReader(new StringReader(text)).readObject())
        .collect(Collectors.toList());
  }

  synchronized List<String> types() {
    return frames().stream().map(f -> f.getString("type")).collect(Collectors.toList());
  }

  synchronized JsonObject last() {
    List<JsonObject> all = frames();
    return all.get(all.size() - 1);
  }

  synchronized void clear() {
    frames.clear();
  }
}
