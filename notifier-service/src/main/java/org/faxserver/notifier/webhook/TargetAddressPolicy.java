package org.faxserver.notifier.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refuses webhook targets inside private networks (SSRF guard): loopback, RFC 1918, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT 100.64/10, 198.18/15, 192.0.0/24, unique-local
 * fc00::/7, unspecified and multicast addresses, and IPv6 addresses that carry one of those IPv4 addresses
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Checked on every address a host name resolves to, after
 * resolution, so a public name pointing at a private address is refused too. Switched off only where
 * receivers are local on purpose (tests, single-host installs).
 */
public final class TargetAddressPolicy {

  private final boolean refusePrivate;

  public TargetAddressPolicy(boolean refusePrivate) {
    this.refusePrivate = refusePrivate;
  }

  /** Why the addresses are refused, or empty when they may be used. */
  public Optional<String> refusal(String host, List<InetAddress> addresses) {
    if (!refusePrivate) {
      return Optional.empty();
    }
    if (addresses.isEmpty()) {
      return Optional.of(host + " resolves to no address");
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        return Optional.of(host + " resolves to non-public address " + address.getHostAddress());
      }
    }
    return Optional.empty();
  }

  static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240
          || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0); // IETF protocol assignments 192.0.0/24
    }
    if (a instanceof Inet6Address) {
      byte[] embedded = embeddedIpv4(b);
      if (embedded != null) {
        try {
          return isPrivate(InetAddress.getByAddress(embedded));
        } catch (UnknownHostException e) {
          return true; // cannot happen for 4 bytes; refuse rather than guess
        }
      }
      return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    return false;
  }

  /**
   * The IPv4 address inside an IPv6 one that reaches it: IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
   * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::}; null for others.
   */
  static byte[] embeddedIpv4(byte[] v6) {
    boolean zeroTo9 = true;
    for (int i = 0; i < 10; i++) {
      zeroTo9 &= v6[i] == 0;
    }
    boolean mapped = zeroTo9 && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
    boolean compatible = zeroTo9 && v6[10] == 0 && v6[11] == 0;
    boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = v6[i] == 0;
    }
    if (mapped || compatible || nat64) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (v6[0] == 0x20 && v6[1] == 0x02) {
      return Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }
}
