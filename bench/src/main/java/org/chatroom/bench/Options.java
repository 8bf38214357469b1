package org.chatroom.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} arguments, and the positional rest. */
final class Options {

  private final Map<String, String> values = new HashMap<>();
  final List<String> positional = new ArrayList<>();

  /** Names that never take a value. */
  private static final Set<String> FLAGS = Set.of("quick", "help");

  Options(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")) {
        String name = arg.substring(2);
        int equals = name.indexOf('=');
        if (equals >= 0) {
          values.put(name.substring(0, equals), name.substring(equals + 1));
        } else if (!FLAGS.contains(name) && i + 1 < args.length && !args[i + 1].startsWith("--")) {
          values.put(name, args[++i]);
        } else {
          values.put(name, "true");
        }
      } else {
        positional.add(arg);
      }
    }
  }

  String get(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  String require(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  int integer(String name) {
    return Integer.parseInt(require(name));
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  Path path(String name) {
    return Path.of(require(name));
  }
}
