package org.chatroom.ops;

import java.util.Map;

/**
 * The figures of the MBean and of {@code GET /api/stats}, taken at one moment. No nicknames. The
 * users count everyone in the rooms open on this server, whatever server they are on ({@code
 * usersHere}: those logged in on this one, which add up over servers); connections and messages are
 * this server's; {@code nodesAlive} counts the servers sharing the rooms (1 when this server is
 * alone).
 */
public record StatsSnapshot(
    int connectionsOpen,
    int rooms,
    int usersOnline,
    int usersHere,
    Map<String, Integer> usersPerRoom,
    long messagesRelayed,
    long messagesRefused,
    int nodesAlive) {}
