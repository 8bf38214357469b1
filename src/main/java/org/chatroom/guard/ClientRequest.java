package org.chatroom.guard;

/**
 * A request as the client made it, before any trusted proxy: the client's address, and the scheme
 * and host (with port, if any) its browser used. Without a trusted proxy, the request's own.
 *
 * @param address the client's IP address, in {@link java.net.InetAddress#getHostAddress} form
 * @param scheme {@code http} or {@code https}
 * @param host the {@code Host} the client asked for, or null if it sent none
 */
public record ClientRequest(String address, String scheme, String host) {}
