/**
 * Servers sharing their rooms through one PostgreSQL database: each listens for the others' word
 * that a room has new lines, and the rooms read those lines from the store themselves.
 */
package org.chatroom.cluster;
