package org.faxserver.api.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void generatedKeysAreUniqueAndCarryThePrefix() {
        String a = ApiKeys.generate();
        String b = ApiKeys.generate();
        assertThat(a).startsWith("fsk_").hasSize(4 + 43).isNotEqualTo(b);
    }

    @Test
    void theHashIsStableHexAndNotTheKey() {
        String key = ApiKeys.generate();
        assertThat(ApiKeys.hash(key)).matches("[0-9a-f]{64}").isEqualTo(ApiKeys.hash(key)).doesNotContain(key);
    }

    @Test
    void constantTimeEqualsComparesContent() {
        assertThat(ApiKeys.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(ApiKeys.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(ApiKeys.constantTimeEquals("abc", "abcd")).isFalse();
        assertThat(ApiKeys.constantTimeEquals("", "x")).isFalse();
    }
}
