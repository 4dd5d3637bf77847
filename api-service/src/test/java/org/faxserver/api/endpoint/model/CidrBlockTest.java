package org.faxserver.api.endpoint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrBlockTest {
    @ParameterizedTest
    @CsvSource({
            "203.0.113.7, 203.0.113.7/32",
            "198.51.100.77/24, 198.51.100.0/24",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:db8::1, 2001:db8:0:0:0:0:0:1/128",
            "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32"})
    void literalsAreNormalisedToNetworkAndPrefix(String input, String expected) {
        assertThat(CidrBlock.normalise(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost", "256.1.1.1", "1.2.3", "10.0.0.0/33", "10.0.0.0/x",
            "::1/129", "1.2.3.4/-1", "fe80::1%eth0"})
    void anythingElseIsRefused(String input) {
        assertThatThrownBy(() -> CidrBlock.normalise(input)).isInstanceOf(IllegalArgumentException.class);
    }
}
