package org.chatroom.testing;

import jakarta.json.Json;

/** Client frames as a seed-protocol client writes them. */
public final class Frames {

  private Frames() {}

  public static String login(String nickname) {
    return Json.createObjectBuilder()
        .add("type", "login")
        .add("content", nickname)
        .build()
        .toString();
  }

  public static String line(String text) {
    return Json.createObjectBuilder().add("type", "user").add("content", text).build().toString();
  }

  public static String logout() {
    return "{\"type\":\"logout\"}";
  }
}
