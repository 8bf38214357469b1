package org.chatroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.RoomName;

/**
 * The limits a client must keep to, as this server is configured, sent in the {@code handshake} so
 * that a client checks what it is about to send against the server it is talking to rather than
 * against defaults it was written with. Lengths of lines, nicknames and room names are in Unicode
 * code points, as the room counts them (an emoji is one); the frame size is in UTF-16 code units of
 * the whole JSON text ({@code String.length} in Java and JavaScript), as the endpoint counts it,
 * not in bytes.
 *
 * <pre>{"lineLength":2000,"nicknameLength":32,"roomLength":32,"frameSize":65536,
 * "ratePerSecond":5,"rateBurst":30,"typingIntervalMs":2000}</pre>
 */
@JsonbPropertyOrder({
  "lineLength",
  "nicknameLength",
  "roomLength",
  "frameSize",
  "ratePerSecond",
  "rateBurst",
  "typingIntervalMs"
})
public record Limits(
    int lineLength,
    int nicknameLength,
    int roomLength,
    int frameSize,
    int ratePerSecond,
    int rateBurst,
    int typingIntervalMs) {

  public static Limits of(ChatSettings settings) {
    return new Limits(
        settings.maxMessageLength(),
        settings.nicknameMaxLength(),
        RoomName.MAX_LENGTH,
        settings.maxFrameSize(),
        settings.ratePerSecond(),
        settings.rateBurst(),
        settings.typingIntervalMillis());
  }
}
