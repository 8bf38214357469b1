/**
 * Guards against abuse from the open internet: the origin check on the handshake, the limit on open
 * connections and the per-connection rate limit.
 */
package org.chatroom.guard;
