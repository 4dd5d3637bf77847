package org.faxserver.api.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicSplitsAtTheFirstColonSoPasswordsMayContainColons() {
        assertThat(Credentials.parse("Basic " + b64("alice:pa:ss")))
                .contains(new Credentials.Basic("alice", "pa:ss"));
    }

    @Test
    void schemesAreCaseInsensitive() {
        assertThat(Credentials.parse("bearer abc")).contains(new Credentials.Bearer("abc"));
        assertThat(Credentials.parse("BASIC " + b64("a:b"))).contains(new Credentials.Basic("a", "b"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic", "Bearer ", "Basic !!!", "Digest abc", "Basic " + "YWJj" /* "abc": no colon */})
    void anythingElseIsNoCredentials(String header) {
        assertThat(Credentials.parse(header)).isEmpty();
    }

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(new Credentials.Basic("alice", "secret").toString()).doesNotContain("secret");
        assertThat(new Credentials.Bearer("fsk_secret").toString()).doesNotContain("secret");
    }
}
