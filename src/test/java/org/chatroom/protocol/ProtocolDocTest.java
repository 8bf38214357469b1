package org.chatroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chatroom.platform.ChatSettings;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md is the contract clients are written against: what it lists of the codes and the
 * handshake's limits must be what the server sends, neither more nor less.
 */
class ProtocolDocTest {

  private static final Path PROTOCOL = Path.of("docs/PROTOCOL.md");

  /** The first cell of a table row, when it is one {@code `name`}. */
  private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z_]+)` \\|", Pattern.MULTILINE);

  @Test
  void theSystemCodesTablesListEveryCodeTheServerMaySendAndNoOther() throws IOException {
    List<String> documented = firstCells(section("## System codes", "## Close codes"));
    assertEquals(documented.size(), new HashSet<>(documented).size(), "each once: " + documented);
    assertEquals(
        SystemCode.allWireNames().stream().sorted().collect(Collectors.toList()),
        documented.stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void noTwoCodesShareAWireName() {
    List<String> names = SystemCode.allWireNames();
    assertEquals(names.size(), new HashSet<>(names).size(), names::toString);
  }

  @Test
  void theLimitsTableNamesTheHandshakesFieldsInTheirOrder() throws IOException {
    String table = section("`limits` holds", "A client that gets no `limits`");
    List<String> fields =
        Arrays.stream(Limits.class.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toList());
    assertEquals(fields, firstCells(table));
  }

  @Test
  void theHandshakeExampleShowsTheDefaultLimits() throws IOException {
    String example = section("**handshake**", "`limits` holds");
    Matcher json = Pattern.compile("\\{\"type\":\"handshake\".*}").matcher(example);
    assertTrue(json.find(), example);
    JsonObject documented = Json.createReader(new StringReader(json.group())).readObject();

    ChatMessageEncoder encoder = new ChatMessageEncoder();
    try {
      String sent =
          encoder.encode(
              ChatMessage.handshake("lobby", "hi", Limits.of(new ChatSettings(name -> null))));
      assertEquals(
          Json.createReader(new StringReader(sent)).readObject().getJsonObject("limits"),
          documented.getJsonObject("limits"));
      assertTrue(json.group().endsWith(sent.substring(sent.indexOf(",\"version\""))), sent);
    } finally {
      encoder.close();
    }
  }

  private static String section(String from, String to) throws IOException {
    String text = Files.readString(PROTOCOL);
    int start = text.indexOf(from);
    int end = text.indexOf(to, start);
    assertTrue(start >= 0 && end > start, () -> "PROTOCOL.md has no '" + from + "' before '" + to);
    return text.substring(start, end);
  }

  private static List<String> firstCells(String markdown) {
    List<String> cells = new ArrayList<>();
    Matcher row = ROW.matcher(markdown);
    while (row.find()) {
      cells.add(row.group(1));
    }
    return cells;
  }
}
