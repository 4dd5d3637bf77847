package org.faxserver.model.net;

import java.util.Objects;
import java.util.Optional;

/**
 * An allowed source of calls: one address or a CIDR block ({@code 192.0.2.0/24}, {@code 2001:db8::/32}).
 * Matching compares the leading {@code prefixLength} bits, never text.
 */
public final class AddressBlock {

  private final IpAddress network;
  private final int prefixLength;

  private AddressBlock(IpAddress network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address} or {@code address/prefix}; empty if malformed. A bare address is a host
   * block (/32 or /128). Host bits set below the prefix are ignored, as in PostgreSQL's {@code cidr}
   * input written by api-service.
   */
  public static Optional<AddressBlock> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.strip();
    int slash = s.indexOf('/');
    Optional<IpAddress> address = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int max = address.get().bitLength();
    if (slash < 0) {
      return Optional.of(new AddressBlock(address.get(), max));
    }
    String prefix = s.substring(slash + 1);
    if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
      return Optional.empty();
    }
    int length = Integer.parseInt(prefix);
    return Optional.of(new AddressBlock(address.get().masked(length), length));
  }

  /** Whether {@code address} lies in this block; an IPv4 address never lies in an IPv6 block. */
  public boolean contains(IpAddress address) {
    if (address.bitLength() != network.bitLength()) {
      return false;
    }
    byte[] a = address.bytes();
    byte[] n = network.bytes();
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (n[full] & mask);
  }

  /** How many leading bits must match; longer is more specific. */
  public int prefixLength() {
    return prefixLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressBlock other
        && prefixLength == other.prefixLength
        && network.equals(other.network);
  }

  @Override
  public int hashCode() {
    return Objects.hash(network, prefixLength);
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
