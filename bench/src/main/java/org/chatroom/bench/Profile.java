package org.chatroom.bench;

import java.util.List;

/**
 * The counts and durations of one run: {@link #standard()} for the published figures (under ten
 * minutes for three servers on two cores), {@link #quick()} for a CI smoke test that only proves
 * every line arrives.
 *
 * @param name "default" or "quick"
 * @param connectClients idle connections the connect scenario opens
 * @param connectRoomSize members per room in the connect scenario
 * @param connectConcurrency connection attempts in flight at once
 * @param broadcastSizes room sizes the broadcast scenario ramps through, smallest first
 * @param broadcastSenders members of the room that talk
 * @param broadcastIntervalMillis time between two lines of one sender
 * @param roomsClients all members of the rooms scenario
 * @param roomsCount rooms of the rooms scenario
 * @param roomsUncountedRounds rounds of the rooms scenario run first and thrown away, so that the
 *     counted one finds the servers' JIT compilers done: two seconds of warm-up measured JVMs still
 *     compiling, and two JVMs (two nodes) compile twice as much as one
 * @param warmupMillis time each measured phase runs first without recording
 * @param measureMillis time each measured phase records
 * @param drainMillis longest wait for lines still on their way once sending stopped
 * @param latencyTargetMillis the p99 a room size must stay under to count as handled
 * @param giveUpP99Millis a ramp stops after a size whose p99 is over this
 * @param measureMemory whether to take the server's heap and RSS (a few seconds of jcmd)
 * @param quietCores a measured phase during which other processes took more CPU than this (in
 *     cores) is measured again (see {@link Retries})
 * @param idleSizes how many idle connections the idle scenario holds, in turn
 * @param idleHoldMillis how long it holds each size before counting the ones still open
 */
record Profile(
    String name,
    int connectClients,
    int connectRoomSize,
    int connectConcurrency,
    List<Integer> broadcastSizes,
    int broadcastSenders,
    int broadcastIntervalMillis,
    int roomsClients,
    int roomsCount,
    int roomsUncountedRounds,
    long warmupMillis,
    long measureMillis,
    long drainMillis,
    double latencyTargetMillis,
    double giveUpP99Millis,
    boolean measureMemory,
    double quietCores,
    List<Integer> idleSizes,
    long idleHoldMillis) {

  static Profile standard() {
    return new Profile(
        "default",
        2000,
        10,
        64,
        // A server that sends a frame per arrival to every member fills a room of n with n²/2
        // login frames (50 million for 10,000); one that tells a crowd's logins together (the
        // WAR, protocol 3) far fewer. Past 1,000 the senders talk less often
        // (BroadcastScenario.intervalMillis). A room whose p99 passed 250 ms, or whose fill the
        // last step projects past BroadcastScenario.FILL_PATIENCE, is not tried.
        List.of(100, 500, 1000, 2000, 5000, 10_000),
        20,
        500,
        1000,
        50,
        1,
        2000,
        8000,
        60_000,
        100,
        250,
        true,
        0.25,
        // 20,000 cannot be tried here: the machine allows each process 20,000 open files (hard
        // limit), which the server's 20,000 sockets and its own files would pass.
        List.of(10_000, 18_000),
        // Past the WAR's 90 s pong deadline and three of its 30 s pings.
        100_000);
  }

  static Profile quick() {
    return new Profile(
        "quick",
        50,
        10,
        32,
        List.of(10, 30),
        5,
        100,
        50,
        5,
        0,
        300,
        1000,
        15_000,
        100,
        1000,
        false,
        Double.MAX_VALUE,
        List.of(200),
        5_000);
  }

  Profile withBroadcastSizes(List<Integer> sizes) {
    return new Profile(
        name,
        connectClients,
        connectRoomSize,
        connectConcurrency,
        sizes,
        broadcastSenders,
        broadcastIntervalMillis,
        roomsClients,
        roomsCount,
        roomsUncountedRounds,
        warmupMillis,
        measureMillis,
        drainMillis,
        latencyTargetMillis,
        giveUpP99Millis,
        measureMemory,
        quietCores,
        idleSizes,
        idleHoldMillis);
  }
}
