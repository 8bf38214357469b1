/**
 * The WebSocket face of the chat room: the endpoint at {@code /chat/{room}}, the per-connection
 * outbox that serialises sends, and the CDI hook that lets the container inject the endpoint.
 */
package org.chatroom.socket;
