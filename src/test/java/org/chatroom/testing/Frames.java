package org.chatroom.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.stream.Collectors;

/** Client frames as a seed-protocol client writes them, and what tests read from frames. */
public final class Frames {

  private Frames() {}

  public static String login(String nickname) {
    return Json.createObjectBuilder()
        .add("type", "login")
        .add("content", nickname)
        .build()
        .toString();
  }

  /** A login that catches up from the last line the client saw (protocol extension). */
  public static String login(String nickname, long since) {
    return Json.createObjectBuilder()
        .add("type", "login")
        .add("content", nickname)
        .add("since", since)
        .build()
        .toString();
  }

  /** The {@code id} of a chat line. */
  public static long id(JsonObject line) {
    return line.getJsonNumber("id").longValue();
  }

  public static String line(String text) {
    return Json.createObjectBuilder().add("type", "user").add("content", text).build().toString();
  }

  public static String logout() {
    return "{\"type\":\"logout\"}";
  }

  /** The typing notice of the protocol extension. */
  public static String typing() {
    return "{\"type\":\"typing\"}";
  }

  /** The {@code users} list of a {@code login} or {@code logout} frame. */
  /** Whether a login or logout names the whole room: only the newcomer's own echo does. */
  public static boolean listsUsers(JsonObject frame) {
    return frame.containsKey("users");
  }

  public static List<String> users(JsonObject frame) {
    return frame.getJsonArray("users").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .collect(Collectors.toList());
  }
}
