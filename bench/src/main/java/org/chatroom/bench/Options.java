package org.chatroom.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} arguments, and the positional rest. A name given several
 * times keeps every value, in order; {@link #get} answers the last.
 */
final class Options {

  private final Map<String, List<String>> values = new HashMap<>();
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
          add(name.substring(0, equals), name.substring(equals + 1));
        } else if (!FLAGS.contains(name) && i + 1 < args.length && !args[i + 1].startsWith("--")) {
          add(name, args[++i]);
        } else {
          add(name, "true");
        }
      } else {
        positional.add(arg);
      }
    }
  }

  private void add(String name, String value) {
    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  String get(String name, String otherwise) {
    List<String> all = values.get(name);
    return all == null ? otherwise : all.get(all.size() - 1);
  }

  /** Every value of a name given several times, in order; empty if it was not given. */
  List<String> all(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  String require(String name) {
    String value = get(name, null);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  int integer(String name) {
    return Integer.parseInt(require(name));
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(get(name, "false"));
  }

  Path path(String name) {
    return Path.of(require(name));
  }
}
