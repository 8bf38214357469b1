package org.chatroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one server's run, as ordered {@code key=value} lines: what `run` writes and
 * `report` reads back. Numbers are plain decimals; a missing key means "not measured".
 */
final class Results {

  private final Map<String, String> values = new LinkedHashMap<>();

  void put(String key, String value) {
    values.put(key, value);
  }

  void put(String key, double value) {
    values.put(key, String.format(Locale.ROOT, "%.3f", value));
  }

  void put(String key, long value) {
    values.put(key, Long.toString(value));
  }

  String get(String key) {
    return values.get(key);
  }

  Double number(String key) {
    String value = values.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Double.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  long count(String key) {
    Double value = number(key);
    return value == null ? 0 : value.longValue();
  }

  void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    values.forEach((key, value) -> lines.add(key + "=" + value.replace('\n', ' ')));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static Results read(Path file) throws IOException {
    Results results = new Results();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        results.values.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return results;
  }
}
