package org.faxserver.model.attempt;

import java.util.Objects;
import java.util.UUID;

/**
 * Fact (esl-gateway → queue, api): a running attempt made progress. Informational only: losing one
 * changes nothing, {@link AttemptFinished} carries the full result.
 *
 * @param attemptId        the attempt
 * @param jobId            its job
 * @param stage            what just happened
 * @param negotiation      the phase B outcome once known (from {@link ProgressStage#NEGOTIATED} on);
 *                         null before
 * @param pagesTransferred pages completed so far
 * @param pagesTotal       pages in the document; null if not known
 */
public record AttemptProgress(
    UUID attemptId,
    UUID jobId,
    ProgressStage stage,
    Negotiation negotiation,
    int pagesTransferred,
    Integer pagesTotal) {

  public static final String TYPE = "attempt.progress";
  public static final int VERSION = 1;

  public AttemptProgress {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(stage, "stage");
  }
}
