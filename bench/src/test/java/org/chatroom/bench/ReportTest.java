package org.chatroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static Results server(String name, String shortName, long linesPerSecond) {
    Results results = new Results();
    results.put("server.name", name);
    results.put("server.label", name);
    results.put("server.short", shortName);
    results.put("mode", "quick");
    results.put("rooms.lines_per_s", linesPerSecond);
    return results;
  }

  private static List<String> lines(Report report) {
    return report.markdown().lines().toList();
  }

  @Test
  void everyServerGetsItsRatioToEachReferenceButNoneTwice() {
    Results tomcat = server("tomcat", "Tomcat", 3000);
    Results node = server("node", "Node", 2000);
    Results socketIo = server("socketio", "socket.io", 1000);

    List<String> table =
        lines(new Report(List.of(tomcat, node, socketIo), List.of(node, socketIo)));

    assertEquals(
        "| figure | tomcat | node | socketio | Tomcat ÷ Node | socket.io ÷ Node"
            + " | Tomcat ÷ socket.io |",
        table.get(2));
    assertEquals(
        "| rooms: lines/s delivered (all rooms) | 3,000 | 2,000 | 1,000 | 1.50× | 0.50× | 3.00× |",
        table.get(4));
  }

  @Test
  void oneReferenceGivesTheColumnsItAlwaysGave() {
    Results tomcat = server("tomcat", "Tomcat", 3000);
    Results node = server("node", "Node", 2000);

    List<String> table = lines(new Report(List.of(tomcat, node), List.of(node)));

    assertEquals("| figure | tomcat | node | Tomcat ÷ Node |", table.get(2));
    assertEquals("| rooms: lines/s delivered (all rooms) | 3,000 | 2,000 | 1.50× |", table.get(4));
  }
}
