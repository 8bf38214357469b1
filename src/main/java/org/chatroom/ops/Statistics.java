package org.chatroom.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.chatroom.cluster.NodeHeartbeat;
import org.chatroom.room.Room;
import org.chatroom.room.RoomRegistry;
import org.chatroom.socket.Connections;
import org.chatroom.socket.Traffic;

/** Gathers the operator's figures from the rooms, the connections and the traffic counters. */
@ApplicationScoped
public class Statistics {

  private RoomRegistry registry;
  private Connections connections;
  private Traffic traffic;
  private NodeHeartbeat heartbeat;

  /** For CDI's proxy only. */
  protected Statistics() {}

  @Inject
  public Statistics(
      RoomRegistry registry, Connections connections, Traffic traffic, NodeHeartbeat heartbeat) {
    this.heartbeat = heartbeat;
    this.registry = registry;
    this.connections = connections;
    this.traffic = traffic;
  }

  public StatsSnapshot snapshot() {
    Map<String, Integer> perRoom = new TreeMap<>();
    int online = 0;
    int here = 0;
    for (Room room : registry.rooms()) {
      int users = room.size();
      perRoom.put(room.name().value(), users);
      online += users;
      here += room.sizeHere();
    }
    return new StatsSnapshot(
        connections.count(),
        perRoom.size(),
        online,
        here,
        perRoom,
        traffic.messagesRelayed(),
        traffic.messagesRefused(),
        heartbeat.nodesAlive());
  }
}
