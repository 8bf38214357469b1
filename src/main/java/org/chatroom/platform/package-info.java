/**
 * What the chat room needs from the platform it is deployed on: its settings and, on a plain
 * servlet container, the start of the CDI container bundled in the WAR.
 */
package org.chatroom.platform;
