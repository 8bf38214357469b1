package org.chatroom.bench;

/** One open connection as a {@link ChatClient} uses it; either transport reports back to it. */
interface Transport {

  /** Sends a text frame after every earlier one of this connection; callable from any thread. */
  void send(String frame);

  /** Closes the connection without a closing handshake. */
  void abort();
}
