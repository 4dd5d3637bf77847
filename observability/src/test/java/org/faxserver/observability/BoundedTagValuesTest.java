package org.faxserver.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {
    @Test
    void theFirstValuesAreKeptAndLaterOnesBecomeOther() {
        BoundedTagValues values = new BoundedTagValues(2);
        assertThat(values.of("a")).isEqualTo("a");
        assertThat(values.of("b")).isEqualTo("b");
        assertThat(values.of("c")).isEqualTo(BoundedTagValues.OTHER);
        assertThat(values.of("a")).isEqualTo("a");
        assertThat(values.of(null)).isEqualTo(BoundedTagValues.NONE);
        assertThat(values.of(" ")).isEqualTo(BoundedTagValues.NONE);
    }
}
