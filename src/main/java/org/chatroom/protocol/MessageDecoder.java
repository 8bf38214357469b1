package org.chatroom.protocol;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads a client frame; a broken one fails with an {@link InvalidFrameException} naming the {@link
 * ErrorCode} its sender is told. It is not a WebSocket {@code Decoder}: the endpoint takes text in
 * parts, which a container cannot hand to a decoder, and reads each joined frame through {@link
 * Frames}.
 *
 * <pre>{"type":"login","content":"alice"}</pre>
 *
 * <p>It reads with the JSON-P streaming parser rather than binding with JSON-B: binding would
 * quietly turn {@code "content":123} into text and would walk any depth of nesting a client sends.
 * Here the fields the server reads must be strings, unknown fields are skipped without building
 * anything, nesting is bounded and number literals are never converted.
 */
public class MessageDecoder {

  /** Deeper nesting than this is refused; no client frame needs more than one level. */
  static final int MAX_DEPTH = 8;

  /** Longer number literals are refused; they are skipped, never converted, but still junk. */
  static final int MAX_NUMBER_LENGTH = 64;

  private final JsonParserFactory parsers = Json.createParserFactory(Map.of());

  public ChatMessage decode(String frame) throws InvalidFrameException {
    ChatMessage message = new ChatMessage();
    try (JsonParser parser = parsers.createParser(new StringReader(frame))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw malformed(frame, "A frame is one JSON object");
      }
      readFields(parser, frame, message);
      if (parser.hasNext()) {
        throw malformed(frame, "A frame is one JSON object");
      }
    } catch (JsonException e) {
      throw new InvalidFrameException(ErrorCode.MALFORMED_FRAME, frame, "Not valid JSON", e);
    }
    if (message.getType() == null) {
      throw new InvalidFrameException(ErrorCode.UNKNOWN_TYPE, frame, "The frame has no type");
    }
    if (MessageType.fromWire(message.getType()).isEmpty()) {
      throw new InvalidFrameException(
          ErrorCode.UNKNOWN_TYPE, frame, "Unknown message type: " + Excerpt.of(message.getType()));
    }
    return message;
  }

  private static void readFields(JsonParser parser, String frame, ChatMessage message)
      throws InvalidFrameException {
    while (true) {
      JsonParser.Event event = parser.next();
      if (event == JsonParser.Event.END_OBJECT) {
        return;
      }
      String key = parser.getString();
      JsonParser.Event value = parser.next();
      switch (key) {
        case "type" -> message.setType(string(parser, value, frame, key));
        case "content" -> message.setContent(string(parser, value, frame, key));
        case "from" -> message.setFrom(string(parser, value, frame, key));
        case "typing" -> message.setTyping(bool(value, frame, key));
        case "since" -> message.setSince(lineId(parser, value, frame, key));
        default -> skip(parser, value, frame);
      }
    }
  }

  /** The value of a field the server reads: a string, or absent as {@code null}. */
  private static String string(JsonParser parser, JsonParser.Event value, String frame, String key)
      throws InvalidFrameException {
    if (value == JsonParser.Event.VALUE_STRING) {
      return parser.getString();
    }
    if (value == JsonParser.Event.VALUE_NULL) {
      return null;
    }
    throw malformed(frame, "The field '" + Excerpt.of(key) + "' must be a string");
  }

  /** The value of a switch the server reads: true or false, or absent as {@code null}. */
  private static Boolean bool(JsonParser.Event value, String frame, String key)
      throws InvalidFrameException {
    switch (value) {
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw malformed(frame, "The field '" + Excerpt.of(key) + "' must be true or false");
    }
  }

  /** A line id: a whole number from 0 up, or absent as {@code null}. */
  private static Long lineId(JsonParser parser, JsonParser.Event value, String frame, String key)
      throws InvalidFrameException {
    if (value == JsonParser.Event.VALUE_NULL) {
      return null;
    }
    if (value == JsonParser.Event.VALUE_NUMBER && parser.getString().matches("\\d{1,18}")) {
      return Long.parseLong(parser.getString());
    }
    throw malformed(
        frame, "The field '" + Excerpt.of(key) + "' must be a line id (a whole number from 0)");
  }

  /** Walks past an ignored value without building it, within the depth and number bounds. */
  private static void skip(JsonParser parser, JsonParser.Event first, String frame)
      throws InvalidFrameException {
    int depth = 1; // inside the frame's object
    JsonParser.Event event = first;
    while (true) {
      switch (event) {
        case START_OBJECT, START_ARRAY -> {
          if (++depth > MAX_DEPTH) {
            throw malformed(frame, "The frame is nested too deeply");
          }
        }
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_NUMBER -> {
          if (parser.getString().length() > MAX_NUMBER_LENGTH) {
            throw malformed(frame, "The frame holds a number too long to be real");
          }
        }
        default -> {
          // strings, literals and keys need nothing
        }
      }
      if (depth == 1) {
        return;
      }
      event = parser.next();
    }
  }

  private static InvalidFrameException malformed(String frame, String reason) {
    return new InvalidFrameException(ErrorCode.MALFORMED_FRAME, frame, reason);
  }
}
