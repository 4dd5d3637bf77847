package org.faxserver.esl;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The parsed {@link OutboundServerConfig#allowedPeers()}: IP literals and CIDR blocks, no host names. */
final class PeerAllowList {

  private final List<IpSubnetFilterRule> rules;

  private PeerAllowList(List<IpSubnetFilterRule> rules) {
    this.rules = rules;
  }

  /** Parses the entries; throws {@link IllegalArgumentException} on anything else than an IP or CIDR. */
  static PeerAllowList parse(List<String> entries) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String raw : entries) {
      if (raw == null) {
        throw new IllegalArgumentException("allowedPeers contains null");
      }
      String entry = raw.strip();
      int slash = entry.indexOf('/');
      String ip = slash < 0 ? entry : entry.substring(0, slash);
      // Literals only: a host name would mean a DNS lookup here and a spoofable entry.
      InetAddress addr = NetUtil.createInetAddressFromIpAddressString(ip);
      if (addr == null) {
        throw new IllegalArgumentException("allowedPeers entry is no IP address or CIDR block: '" + raw + "'");
      }
      int max = addr instanceof Inet4Address ? 32 : 128;
      int prefix = max;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw new IllegalArgumentException("allowedPeers entry has an invalid prefix length: '" + raw + "'");
        }
      }
      rules.add(new IpSubnetFilterRule(addr, prefix, IpFilterRuleType.ACCEPT));
    }
    return new PeerAllowList(List.copyOf(rules));
  }

  /** Returns {@code true} if the list is empty (allow all) or the peer's IP is in it. */
  boolean allows(SocketAddress remote) {
    if (rules.isEmpty()) {
      return true;
    }
    if (!(remote instanceof InetSocketAddress isa) || isa.getAddress() == null) {
      return false;
    }
    for (IpSubnetFilterRule r : rules) {
      if (r.matches(isa)) {
        return true;
      }
    }
    return false;
  }
}
