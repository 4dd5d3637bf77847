package org.faxserver.notifier.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Refuses webhook targets inside private networks (SSRF guard): loopback, RFC 1918, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT 100.64/10, unique-local fc00::/7,
 * unspecified and multicast addresses. Checked on every address a host name resolves to, after
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
      return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
    }
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    return false;
  }
}
