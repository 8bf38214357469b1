package org.chatroom.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP literals as proxies and clients write them, read without ever asking DNS. */
final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpAddresses() {}

  /**
   * The IP address of a {@code for=} node or {@code X-Forwarded-For} entry ({@code 192.0.2.60},
   * {@code 192.0.2.60:4711}, {@code [2001:db8::17]:4711}, {@code 2001:db8::17}); empty for {@code
   * unknown} and obfuscated names.
   */
  static Optional<String> nodeAddress(String node) {
    if (node == null) {
      return Optional.empty();
    }
    String value = node.strip();
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      value = close < 0 ? "" : value.substring(1, close);
    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
      value = value.substring(0, value.indexOf(':'));
    }
    return literal(value).map(InetAddress::getHostAddress);
  }

  /** The peer address in the form every other address is given in. */
  static String canonical(String address) {
    return literal(address).map(InetAddress::getHostAddress).orElse(address);
  }

  /** An IP literal as an address, without ever asking DNS; IPv6 zone ids are dropped. */
  static Optional<InetAddress> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    int zone = value.indexOf('%');
    if (zone >= 0) {
      value = value.substring(0, zone);
    }
    String bracketed;
    if (IPV4.matcher(value).matches()) {
      for (String octet : value.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
      bracketed = value;
    } else if (IPV6.matcher(value).matches()) {
      // In brackets, the JDK parses an IPv6 literal or fails; bare, it may fall back to DNS.
      bracketed = "[" + value + "]";
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bracketed));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
