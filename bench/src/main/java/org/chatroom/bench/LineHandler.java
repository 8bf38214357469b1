package org.chatroom.bench;

/** What a scenario does with each live chat line a client receives. */
@FunctionalInterface
interface LineHandler {

  /**
   * Called on the client's own thread, one line at a time per client.
   *
   * @param client the receiving client
   * @param line the line's content as the generator wrote it
   * @param receivedNanos {@link Clock#nanos()} when its last fragment arrived
   */
  void onLine(ChatClient client, LineContent line, long receivedNanos);

  LineHandler IGNORE = (client, line, receivedNanos) -> {};
}
