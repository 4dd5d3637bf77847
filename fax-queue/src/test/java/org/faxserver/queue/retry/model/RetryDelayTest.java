package org.faxserver.queue.retry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelayTest {

  @Test
  void plainNumbersAreSecondsAsTheSeedDocuments() {
    assertThat(RetryDelay.parse("300").duration()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void durationsWithUnitsAreRead() {
    assertThat(RetryDelay.parse("90s").duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryDelay.parse("5m").duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(RetryDelay.parse("1h").duration()).isEqualTo(Duration.ofHours(1));
    assertThat(RetryDelay.parse("2d").duration()).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void aTypoFailsInsteadOfFallingBackToADefault() {
    assertThatThrownBy(() -> RetryDelay.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryDelay.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
