package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.faxserver.gateway.send.model.WatchdogDecision.Action;
import org.faxserver.gateway.send.model.WatchdogDecision.Reason;
import org.junit.jupiter.api.Test;

class CallWatchdogTest {

  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  static final CallWatchdog WATCHDOG = new CallWatchdog(new CallWatchdog.Settings(Duration.ofSeconds(90),
      Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10)));

  static CallTimeline ringing() {
    return new CallTimeline(T0, null, null, null, null, null, T0.plus(Duration.ofHours(1)));
  }

  static WatchdogDecision at(CallTimeline call, Duration sinceStart) {
    return WATCHDOG.decide(call, Clock.fixed(T0.plus(sinceStart), ZoneOffset.UTC));
  }

  @Test
  void unansweredCallIsKilledAfterTheAnswerTimeout() {
    assertThat(at(ringing(), Duration.ofSeconds(89)).action()).isEqualTo(Action.KEEP);
    WatchdogDecision d = at(ringing(), Duration.ofSeconds(90));
    assertThat(d.action()).isEqualTo(Action.KILL);
    assertThat(d.reason()).isEqualTo(Reason.ANSWER_TIMEOUT);
  }

  @Test
  void answeredCallMustNegotiateWithinTheTrainingTimeout() {
    CallTimeline answered = new CallTimeline(T0, T0.plusSeconds(80), null, null, null, null, T0.plusSeconds(3600));

    assertThat(at(answered, Duration.ofSeconds(139)).action()).isEqualTo(Action.KEEP);
    assertThat(at(answered, Duration.ofSeconds(140)).reason()).isEqualTo(Reason.TRAINING_TIMEOUT);
  }

  @Test
  void eachPageRestartsThePageTimeout() {
    CallTimeline paging = new CallTimeline(T0, T0.plusSeconds(5), T0.plusSeconds(15), T0.plusSeconds(400), null, null,
        T0.plusSeconds(3600));

    assertThat(at(paging, Duration.ofSeconds(699)).action()).isEqualTo(Action.KEEP);
    assertThat(at(paging, Duration.ofSeconds(700)).reason()).isEqualTo(Reason.PAGE_TIMEOUT);
  }

  @Test
  void theAttemptDeadlineEndsEvenAProgressingCall() {
    CallTimeline paging = new CallTimeline(T0, T0.plusSeconds(5), T0.plusSeconds(15), T0.plusSeconds(50), null, null,
        T0.plusSeconds(60));

    WatchdogDecision d = at(paging, Duration.ofSeconds(60));

    assertThat(d.reason()).isEqualTo(Reason.DEADLINE);
    assertThat(d.detail()).contains("deadline");
  }

  @Test
  void callThatDoesNotHangUpAfterTheFaxIsKilledEvenBeforeTheDeadline() {
    CallTimeline done = new CallTimeline(T0, T0.plusSeconds(5), T0.plusSeconds(15), T0.plusSeconds(50),
        T0.plusSeconds(52), null, T0.plusSeconds(3600));

    assertThat(at(done, Duration.ofSeconds(81)).action()).isEqualTo(Action.KEEP);
    assertThat(at(done, Duration.ofSeconds(82)).reason()).isEqualTo(Reason.NO_HANGUP_AFTER_FAX);
  }

  @Test
  void afterAKillTheWatchdogWaitsForTheHangupThenGivesUp() {
    CallTimeline killed = new CallTimeline(T0, null, null, null, null, T0.plusSeconds(90), T0.plusSeconds(60));

    assertThat(at(killed, Duration.ofSeconds(99)).action()).isEqualTo(Action.KEEP);
    assertThat(at(killed, Duration.ofSeconds(100)).action()).isEqualTo(Action.GIVE_UP);
  }
}
