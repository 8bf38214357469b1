package org.chatroom.ops;

import java.util.Map;

/** The figures of the MBean and of {@code GET /api/stats}, taken at one moment. No nicknames. */
public record StatsSnapshot(
    int connectionsOpen,
    int rooms,
    int usersOnline,
    Map<String, Integer> usersPerRoom,
    long messagesRelayed,
    long messagesRefused) {}
