/**
 * The wire protocol: the seed tutorial's JSON frames ({@code type}, {@code from}, {@code content}
 * and optional extras), the codes of {@code system} frames, and the JSON-B codecs that read and
 * write them. {@code docs/PROTOCOL.md} is the contract these classes implement.
 */
package org.chatroom.protocol;
