package org.faxserver.api.auth.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The throttle key of a client address. An IPv6 client usually holds a whole /64 (one subnet is the
 * smallest allocation), so keying by the full address would let it pick a fresh one per attempt and
 * never be throttled; IPv6 addresses are therefore keyed by their /64 prefix. IPv4-mapped and
 * IPv4 addresses are keyed by the IPv4 address.
 */
public final class ClientAddress {
    public static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    public static String throttleKey(InetAddress address) {
        if (address == null) {
            return UNKNOWN;
        }
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isIpv4Mapped(bytes)) {
                return ipv4(Arrays.copyOfRange(bytes, 12, 16));
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static String ipv4(byte[] b) {
        try {
            return ((Inet4Address) InetAddress.getByAddress(b)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
