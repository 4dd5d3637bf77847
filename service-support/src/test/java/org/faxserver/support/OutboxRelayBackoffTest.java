package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRelayBackoffTest {

  @Test
  void backoffDoublesPerAttemptUpToTheMaximum() {
    Duration first = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(5);
    assertThat(OutboxRelay.backoff(0, first, max)).isEqualTo(Duration.ofSeconds(1));
    assertThat(OutboxRelay.backoff(1, first, max)).isEqualTo(Duration.ofSeconds(2));
    assertThat(OutboxRelay.backoff(5, first, max)).isEqualTo(Duration.ofSeconds(32));
    assertThat(OutboxRelay.backoff(9, first, max)).isEqualTo(Duration.ofMinutes(5));
    assertThat(OutboxRelay.backoff(1000, first, max)).isEqualTo(Duration.ofMinutes(5));
  }
}
