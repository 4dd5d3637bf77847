package org.faxserver.api.auth.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.faxserver.model.net.AddressBlock;
import org.faxserver.model.net.IpAddress;

/**
 * The reverse proxies (an ingress, a load balancer) whose {@code X-Forwarded-For} is believed. Behind a proxy every
 * request comes from the proxy's address, so the login throttle would key all clients as one; but the header is
 * only as trustworthy as whoever appended to it, so it is read from the right (the nearest hop) and only through
 * proxies listed here. A client cannot choose its throttle key by sending the header itself.
 */
public final class TrustedProxies {

    /** {@code 192.0.2.1:4711} or {@code [2001:db8::1]:4711}: some proxies append the client's port. */
    private static final Pattern WITH_PORT = Pattern.compile("([0-9.]+|\\[[0-9a-fA-F:.]+])(:[0-9]{1,5})?");

    private final List<AddressBlock> ranges;

    private TrustedProxies(List<AddressBlock> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Parses addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<AddressBlock> ranges = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            ranges.add(AddressBlock.parse(entry).orElseThrow(
                    () -> new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'")));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        IpAddress ip = IpAddress.of(address);
        return ranges.stream().anyMatch(r -> r.contains(ip));
    }

    /**
     * The client: the peer itself unless it is a trusted proxy; then the {@code X-Forwarded-For} entries from the
     * right, as long as the hop that reported an entry is trusted. An entry that is no IP address ends the walk at
     * the proxy that sent it.
     *
     * @param forwardedFor every {@code X-Forwarded-For} header value in order (each may list several addresses)
     */
    public InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!contains(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress current = peer;
        for (int i = hops.size() - 1; i >= 0 && contains(current); i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            current = hop.get();
        }
        return current;
    }

    /** An IP address written as a literal, either with a port; empty for anything else. No DNS look-up. */
    static Optional<InetAddress> literal(String text) {
        Matcher withPort = WITH_PORT.matcher(text);
        return IpAddress.parse(withPort.matches() ? withPort.group(1) : text).map(IpAddress::toInetAddress);
    }
}
