package org.faxserver.queue.attempt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.fax.T38Status;
import org.junit.jupiter.api.Test;

class LatestProgressTest {

  private static final UUID JOB = UUID.randomUUID();
  private final UUID first = UUID.randomUUID();
  private final UUID second = UUID.randomUUID();

  @Test
  void keepsOneReportPerAttemptWithTheLatestPageCountInTheOrderAttemptsFirstAppear() {
    List<AttemptProgress> latest = LatestProgress.perAttempt(List.of(
        report(second, ProgressStage.ANSWERED, null, 0, null),
        report(first, ProgressStage.ANSWERED, null, 0, 3),
        report(second, ProgressStage.PAGE_TRANSFERRED, null, 1, null),
        report(first, ProgressStage.PAGE_TRANSFERRED, null, 2, null)));

    assertThat(latest).extracting(AttemptProgress::attemptId).containsExactly(second, first);
    assertThat(latest).extracting(AttemptProgress::pagesTransferred).containsExactly(1, 2);
    assertThat(latest).extracting(AttemptProgress::stage)
        .containsOnly(ProgressStage.PAGE_TRANSFERRED);
  }

  @Test
  void aLaterReportWithoutNegotiationOrTotalKeepsTheEarlierOnes() {
    Negotiation negotiated = new Negotiation(14400, true, T38Status.NEGOTIATED, "FAR END");

    AttemptProgress merged = single(LatestProgress.perAttempt(List.of(
        report(first, ProgressStage.NEGOTIATED, negotiated, 0, 2),
        report(first, ProgressStage.PAGE_TRANSFERRED, null, 1, null))));

    assertThat(merged.negotiation()).isEqualTo(negotiated);
    assertThat(merged.pagesTotal()).isEqualTo(2);
    assertThat(merged.pagesTransferred()).isEqualTo(1);
  }

  @Test
  void aLaterNegotiationWinsButKeepsAKnownRemoteIdWhenItHasNone() {
    AttemptProgress merged = single(LatestProgress.perAttempt(List.of(
        report(first, ProgressStage.NEGOTIATED, new Negotiation(14400, true, T38Status.NEGOTIATED, "FAR END"), 0, 1),
        report(first, ProgressStage.NEGOTIATED, new Negotiation(9600, false, T38Status.OFF, null), 0, 1))));

    assertThat(merged.negotiation()).isEqualTo(new Negotiation(9600, false, T38Status.OFF, "FAR END"));
  }

  @Test
  void aLaterPageTotalReplacesTheEarlierOne() {
    AttemptProgress merged = single(LatestProgress.perAttempt(List.of(
        report(first, ProgressStage.ANSWERED, null, 0, 2),
        report(first, ProgressStage.PAGE_TRANSFERRED, null, 1, 3))));

    assertThat(merged.pagesTotal()).isEqualTo(3);
  }

  private static AttemptProgress single(List<AttemptProgress> reports) {
    assertThat(reports).hasSize(1);
    return reports.get(0);
  }

  private static AttemptProgress report(UUID attempt, ProgressStage stage, Negotiation negotiation, int pages,
      Integer total) {
    return new AttemptProgress(attempt, JOB, stage, negotiation, pages, total);
  }
}
