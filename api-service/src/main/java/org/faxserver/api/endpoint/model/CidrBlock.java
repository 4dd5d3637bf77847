package org.faxserver.api.endpoint.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR block given as a literal, normalised to {@code address/prefix}. Host names are
 * refused (they would be resolved by DNS at validation time and mean nothing for an ACL).
 */
public final class CidrBlock {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private CidrBlock() {
    }

    /** Returns the normalised block, or throws IllegalArgumentException with a reason. */
    public static String normalise(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        String s = input.strip();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = parseLiteral(addressPart);
        int maxPrefix = address.length * 8;
        int prefix = slash < 0 ? maxPrefix : parsePrefix(s.substring(slash + 1), maxPrefix);
        byte[] network = mask(address, prefix);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is not an IP address");
        }
    }

    private static byte[] parseLiteral(String s) {
        var m = IPV4.matcher(s);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    throw new IllegalArgumentException("is not an IP address");
                }
                b[i] = (byte) octet;
            }
            return b;
        }
        if (s.contains(":") && IPV6_CHARS.matcher(s).matches()) {
            try {
                // Only hex digits, ':' and '.' reach here, so this never triggers a DNS lookup.
                byte[] b = InetAddress.getByName(s).getAddress();
                if (b.length == 16) {
                    return b;
                }
            } catch (UnknownHostException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("is not an IP address or CIDR block");
    }

    private static int parsePrefix(String s, int max) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= max) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("has an invalid prefix length");
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
        }
        return out;
    }
}
