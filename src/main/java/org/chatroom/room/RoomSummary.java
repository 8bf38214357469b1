package org.chatroom.room;

/** A room's name and how many people are in it, for listings. No nicknames. */
public record RoomSummary(String name, int users) {}
