/**
 * Where lines are kept: a relational database behind the room's {@link org.chatroom.room.LineStore}
 * (embedded H2 by default, PostgreSQL or the container's DataSource when configured), its schema
 * made and migrated by Flyway, lines written in group commits by one writer per server.
 */
package org.chatroom.store;
