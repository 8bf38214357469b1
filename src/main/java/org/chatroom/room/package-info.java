/**
 * Rooms and the people in them: the registry of open rooms, membership under unique nicknames, the
 * per-room order of lines and the history replayed to newcomers. Nothing here knows about
 * WebSocket: members are reached through {@link org.chatroom.room.MessageSink}.
 */
package org.chatroom.room;
