/**
 * Running the chat room from the container: start-up and shutdown, the JMX MBean, the figures
 * operators watch and what they can do by hand (announce, kick, close a room).
 */
package org.chatroom.ops;
