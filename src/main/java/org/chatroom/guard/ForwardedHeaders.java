package org.chatroom.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the list headers a proxy appends to: the comma-separated {@code X-Forwarded-*} values and
 * the elements of RFC 7239's {@code Forwarded}, with its quoted strings. It only splits; whom to
 * believe is {@link TrustedProxies}'s business.
 */
final class ForwardedHeaders {

  private ForwardedHeaders() {}

  static List<String> listValues(List<String> headerValues) {
    List<String> values = new ArrayList<>();
    for (String header : headerValues) {
      for (String part : header.split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
    }
    return values;
  }

  /** RFC 7239 elements, left to right, each a map of its lower-cased parameter names. */
  static List<Map<String, String>> elements(List<String> headerValues) {
    List<Map<String, String>> elements = new ArrayList<>();
    for (String header : headerValues) {
      for (String element : splitOutsideQuotes(header, ',')) {
        Map<String, String> pairs = new TreeMap<>();
        for (String pair : splitOutsideQuotes(element, ';')) {
          int equals = pair.indexOf('=');
          if (equals > 0) {
            pairs.putIfAbsent(
                pair.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                unquote(pair.substring(equals + 1).strip()));
          }
        }
        if (!pairs.isEmpty()) {
          elements.add(pairs);
        }
      }
    }
    return elements;
  }

  private static List<String> splitOutsideQuotes(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < text.length()) {
        current.append(c);
        c = text.charAt(++i);
      } else if (c == separator && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    parts.add(current.toString());
    return parts;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return value;
  }
}
