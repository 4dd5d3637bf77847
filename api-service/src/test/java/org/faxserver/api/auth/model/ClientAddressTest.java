package org.faxserver.api.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static String key(String literal) throws Exception {
        return ClientAddress.throttleKey(InetAddress.getByName(literal));
    }

    @Test
    void ipv4AddressesAreKeyedWhole() throws Exception {
        assertThat(key("192.0.2.10")).isEqualTo("192.0.2.10");
        assertThat(key("192.0.2.11")).isNotEqualTo(key("192.0.2.10"));
    }

    @Test
    void ipv6AddressesAreKeyedByTheirSlash64() throws Exception {
        // One client usually owns the whole /64 and could rotate through it.
        assertThat(key("2001:db8:1:2::1")).isEqualTo(key("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(key("2001:db8:1:3::1")).isNotEqualTo(key("2001:db8:1:2::1"));
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() throws Exception {
        assertThat(ClientAddress.throttleKey(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 10}))).isEqualTo("192.0.2.10");
    }

    @Test
    void anUnknownAddressHasOneSharedKey() {
        assertThat(ClientAddress.throttleKey(null)).isEqualTo(ClientAddress.UNKNOWN);
    }
}
