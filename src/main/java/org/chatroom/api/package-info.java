/**
 * Small JSON resources over plain HTTP under {@code /api}: what the page needs besides the
 * WebSocket (the active rooms) and what operators poll.
 */
package org.chatroom.api;
