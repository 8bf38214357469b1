package org.chatroom.guard;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;

/** One address or CIDR range. IPv4-mapped IPv6 addresses count as their IPv4 address. */
record AddressRange(byte[] network, int prefix) {

  static Optional<AddressRange> parse(String entry) {
    String value = entry.strip();
    int slash = value.indexOf('/');
    Optional<InetAddress> address =
        IpAddresses.literal(slash < 0 ? value : value.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int bits = address.get().getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = value.substring(slash + 1);
      if (!length.matches("\\d{1,3}")) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(length);
      if (prefix > bits) {
        return Optional.empty();
      }
    }
    return Optional.of(new AddressRange(address.get().getAddress(), prefix));
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int shift = bytes.length * 8 - prefix;
    return new BigInteger(1, bytes)
        .shiftRight(shift)
        .equals(new BigInteger(1, network).shiftRight(shift));
  }
}
