/**
 * Guards against abuse from the open internet: the response headers that confine the page
 * (Content-Security-Policy), the origin check on the handshake, which reverse proxies are believed
 * about the client's address, scheme and host, the limit on open connections and the per-connection
 * rate limit.
 */
package org.chatroom.guard;
