package org.chatroom.protocol;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code code} of a {@code system} frame: every one the server sends carries one, so a client
 * can tell them apart and say them in its own language. A refusal is an {@link ErrorCode}; word
 * from the server that refuses nothing (an announcement, a kick, a shutdown) is a {@link
 * NoticeCode}. The wire form is the lower-case name; clients switch on it, so a code is never
 * renamed.
 */
public sealed interface SystemCode permits ErrorCode, NoticeCode {

  /** Each enum's own; the wire name is made from it. */
  String name();

  default String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Every code this server may send, refusals first: the list a client's translations must cover. A
   * third kind of code would be named in {@code permits} and here.
   */
  static List<SystemCode> all() {
    return Stream.<SystemCode[]>of(ErrorCode.values(), NoticeCode.values())
        .flatMap(Stream::of)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The wire names of {@link #all()}. */
  static List<String> allWireNames() {
    return all().stream().map(SystemCode::wireName).collect(Collectors.toUnmodifiableList());
  }
}
