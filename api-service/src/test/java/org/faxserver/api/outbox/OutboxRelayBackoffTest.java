package org.faxserver.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutboxRelayBackoffTest {
    private final OutboxRelay relay = new OutboxRelay(null, null, null, new OutboxProperties(Duration.ofMillis(500),
            100, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofDays(7)));

    @Test
    void backoffDoublesPerAttemptUpToTheMaximum() {
        assertThat(relay.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(relay.backoff(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(relay.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
    }
}
