package org.faxserver.model.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address parsed from a literal. Host names are refused: the seed compared addresses
 * as substrings ({@code "10.0.0.1"} matched {@code "pbx:10.0.0.12"}, an empty address matched
 * everything); here only exact bit comparisons exist, on addresses that are really addresses.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, what a dual-stack socket reports for an
 * IPv4 peer) is the IPv4 address, so an IPv4 allow-list matches it.
 */
public final class IpAddress {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  /** Starting with a hex digit or ':' too: the JDK reads other text (e.g. ".:") as a host name and looks it up. */
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Parses a literal; empty for null, blank, host names and anything malformed. */
  public static Optional<IpAddress> parse(String literal) {
    if (literal == null || literal.isBlank()) {
      return Optional.empty();
    }
    String s = literal.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      // A link-local zone names the local interface; it says nothing about who the peer is.
      s = s.substring(0, zone);
    }
    Matcher v4 = IPV4.matcher(s);
    if (v4.matches()) {
      return ipv4(v4);
    }
    if (s.contains(":") && IPV6_CHARS.matcher(s).matches()) {
      return ipv6(s);
    }
    return Optional.empty();
  }

  private static Optional<IpAddress> ipv4(Matcher m) {
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String group = m.group(i + 1);
      int octet = Integer.parseInt(group);
      if (octet > 255 || (group.length() > 1 && group.startsWith("0"))) {
        // Leading zeros are octal to some parsers (inet_aton): refuse rather than guess.
        return Optional.empty();
      }
      b[i] = (byte) octet;
    }
    return Optional.of(new IpAddress(b));
  }

  private static Optional<IpAddress> ipv6(String s) {
    try {
      // Only hex digits, ':' and '.' reach here, so InetAddress parses a literal and never asks DNS.
      InetAddress address = InetAddress.getByName(s);
      return Optional.of(new IpAddress(address.getAddress()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The address of a socket peer (an IPv4-mapped IPv6 address is the IPv4 address, as for {@link #parse}). */
  public static IpAddress of(InetAddress address) {
    byte[] b = address.getAddress();
    boolean mapped = b.length == 16 && Arrays.equals(Arrays.copyOf(b, 10), new byte[10])
        && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    return new IpAddress(mapped ? Arrays.copyOfRange(b, 12, 16) : b);
  }

  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always an address", e);
    }
  }

  /** Bits in the address: 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** The first {@code prefixLength} bits of this address, the rest zero. */
  IpAddress masked(int prefixLength) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
    }
    return new IpAddress(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toInetAddress().getHostAddress();
  }
}
