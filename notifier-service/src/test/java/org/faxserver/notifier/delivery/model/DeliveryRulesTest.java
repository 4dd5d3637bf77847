package org.faxserver.notifier.delivery.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryRulesTest {

  static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
  final DeliveryRules rules = new DeliveryRules(RetrySchedule.of(Duration.ofSeconds(5), Duration.ofSeconds(30)),
      RetrySchedule.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(24)));

  @Test
  void aSuccessEndsTheDelivery() {
    assertThat(rules.next(Purpose.RECEIPT, TryOutcome.delivered(200), 1, NOW)).isInstanceOf(NextStep.Delivered.class);
  }

  @Test
  void aTransientFailureWaitsForTheSchedulesNextPause() {
    assertThat(rules.next(Purpose.RECEIPT, TryOutcome.transientFailure(503, "HTTP 503"), 1, NOW))
        .isEqualTo(new NextStep.RetryAt(NOW.plusSeconds(10)));
    assertThat(rules.next(Purpose.RECEIPT, TryOutcome.transientFailure(503, "HTTP 503"), 3, NOW))
        .isEqualTo(new NextStep.RetryAt(NOW.plus(Duration.ofHours(24))));
  }

  @Test
  void documentDeliveriesUseTheirOwnShorterSchedule() {
    assertThat(rules.next(Purpose.DOCUMENT, TryOutcome.transientFailure(null, "refused"), 2, NOW))
        .isEqualTo(new NextStep.RetryAt(NOW.plusSeconds(30)));
    assertThat(rules.next(Purpose.DOCUMENT, TryOutcome.transientFailure(null, "refused"), 3, NOW))
        .isInstanceOf(NextStep.DeadLetter.class);
  }

  @Test
  void afterTheLastTryTheDeliveryIsDeadLettered() {
    NextStep step = rules.next(Purpose.RECEIPT, TryOutcome.transientFailure(500, "HTTP 500"), 4, NOW);
    assertThat(step).isEqualTo(new NextStep.DeadLetter("gave up after 4 tries: HTTP 500"));
  }

  @Test
  void aPermanentFailureIsDeadLetteredAtOnce() {
    NextStep step = rules.next(Purpose.RECEIPT, TryOutcome.permanentFailure(404, "HTTP 404"), 1, NOW);
    assertThat(step).isEqualTo(new NextStep.DeadLetter("permanent failure: HTTP 404"));
  }

  @Test
  void aScheduleOfKPausesAllowsKPlusOneTries() {
    RetrySchedule s = RetrySchedule.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(s.maxTries()).isEqualTo(3);
    assertThat(s.delayAfter(2)).contains(Duration.ofSeconds(2));
    assertThat(s.delayAfter(3)).isEmpty();
    assertThat(s.span()).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> RetrySchedule.of(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultReceiptScheduleRunsForAboutThreeDays() {
    RetrySchedule defaults = new RetrySchedule(java.util.stream.Stream.of("10s", "1m", "5m", "30m", "2h", "6h",
        "12h", "24h", "24h").map(s -> org.springframework.boot.convert.DurationStyle.detectAndParse(s)).toList());
    assertThat(defaults.span()).isBetween(Duration.ofHours(60), Duration.ofHours(80));
  }
}
