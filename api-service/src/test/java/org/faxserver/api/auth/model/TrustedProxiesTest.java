package org.faxserver.api.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.10", "fd00::/8"));

    private static InetAddress ip(String literal) {
        return TrustedProxies.literal(literal).orElseThrow();
    }

    private String clientOf(String peer, String... headers) {
        return proxies.clientOf(ip(peer), List.of(headers)).getHostAddress();
    }

    @Test
    void rangesAndSingleAddressesAreMatchedByPrefix() {
        assertThat(proxies.contains(ip("10.255.0.1"))).isTrue();
        assertThat(proxies.contains(ip("11.0.0.1"))).isFalse();
        assertThat(proxies.contains(ip("192.0.2.10"))).isTrue();
        assertThat(proxies.contains(ip("192.0.2.11"))).isFalse();
        assertThat(proxies.contains(ip("fd12:3456::1"))).isTrue();
        assertThat(proxies.contains(ip("2001:db8::1"))).isFalse();
        assertThat(TrustedProxies.parse(List.of("172.16.0.0/12")).contains(ip("172.31.255.255"))).isTrue();
        assertThat(TrustedProxies.parse(List.of("172.16.0.0/12")).contains(ip("172.32.0.0"))).isFalse();
        assertThat(TrustedProxies.none().contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertThat(clientOf("203.0.113.5", "198.51.100.1")).isEqualTo("203.0.113.5");
    }

    @Test
    void behindTrustedProxiesTheNearestUntrustedEntryIsTheClient() {
        assertThat(clientOf("10.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        // Client -> edge proxy 192.0.2.10 -> ingress 10.0.0.1; whatever the client wrote itself comes first.
        assertThat(clientOf("10.0.0.1", "6.6.6.6, 198.51.100.1, 192.0.2.10")).isEqualTo("198.51.100.1");
        // Several headers count as one list, in order.
        assertThat(clientOf("10.0.0.1", "6.6.6.6, 198.51.100.1", "192.0.2.10")).isEqualTo("198.51.100.1");
        assertThat(clientOf("10.0.0.1", "[2001:db8::7]")).isEqualTo("2001:db8:0:0:0:0:0:7");
        // Some proxies append the client's port.
        assertThat(clientOf("10.0.0.1", "198.51.100.1:50123")).isEqualTo("198.51.100.1");
        assertThat(clientOf("10.0.0.1", "[2001:db8::7]:50123")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(clientOf("10.0.0.1", "2001:db8::8")).isEqualTo("2001:db8:0:0:0:0:0:8");
    }

    @Test
    void aTrustedProxyWithoutAHeaderOrWithGarbageInItIsTheClient() {
        assertThat(proxies.clientOf(ip("10.0.0.1"), null).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(clientOf("10.0.0.1", "unknown")).isEqualTo("10.0.0.1");
        assertThat(clientOf("10.0.0.1", "198.51.100.1, not-an-address")).isEqualTo("10.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "999.1.1.1", "10.1", "1.2.3.4.5", "", "12:zz::1", ".:",
        "..::1", "abc", "1234", "[1.2.3.4]x"})
    void onlyIpLiteralsAreRead_neverLookedUp(String text) {
        assertThat(TrustedProxies.literal(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "proxy.internal", "fd00::/129"})
    void aBadEntryIsRefusedWithItsText(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }
}
