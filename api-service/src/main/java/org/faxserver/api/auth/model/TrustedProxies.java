package org.faxserver.api.auth.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies (an ingress, a load balancer) whose {@code X-Forwarded-For} is believed. Behind a proxy every
 * request comes from the proxy's address, so the login throttle would key all clients as one; but the header is
 * only as trustworthy as whoever appended to it, so it is read from the right (the nearest hop) and only through
 * proxies listed here. A client cannot choose its throttle key by sending the header itself.
 */
public final class TrustedProxies {

    /**
     * An IP literal: digits and dots, or hex digits and colons starting with either (the JDK reads only such text as
     * an IPv6 literal; anything else, e.g. ".:", it would look up as a host name).
     */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:][0-9a-fA-F:.]*");
    /** {@code 192.0.2.1:4711} or {@code [2001:db8::1]:4711}: some proxies append the client's port. */
    private static final Pattern WITH_PORT = Pattern.compile("([0-9.]+|\\[[0-9a-fA-F:.]+])(:[0-9]{1,5})?");

    private record Cidr(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> ranges;

    private TrustedProxies(List<Cidr> ranges) {
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
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String e = entry.strip();
            int slash = e.indexOf('/');
            InetAddress network = literal(slash < 0 ? e : e.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: '" + entry
                            + "'"));
            int bits = network.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException nfe) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("not a prefix length for " + network.getHostAddress() + ": '"
                        + entry + "'");
            }
            ranges.add(new Cidr(network.getAddress(), prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean contains(InetAddress address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
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

    /**
     * An IP address written as a literal (IPv6 optionally in brackets, either with a port); empty for anything else.
     * No DNS look-up.
     */
    static Optional<InetAddress> literal(String text) {
        String t = text;
        Matcher withPort = WITH_PORT.matcher(t);
        if (withPort.matches()) {
            t = withPort.group(1);
        }
        t = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        if (t.isEmpty() || !IP_LITERAL.matcher(t).matches()) {
            return Optional.empty();
        }
        if (t.indexOf(':') < 0 && !isDottedQuad(t)) {
            return Optional.empty(); // "10.1" would be read as a short form, "999.1.1.1" looked up as a host name
        }
        try {
            return Optional.of(InetAddress.getByName(t)); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isDottedQuad(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
