package org.faxserver.model.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.fax.FaxResult;

/**
 * One attempt of a finished job, as reported in {@link JobCompleted}.
 *
 * @param attemptId the attempt (for gateways: the FreeSWITCH call uuid)
 * @param number    1-based attempt number within the job
 * @param endpoint  where it went
 * @param startedAt when the attempt started
 * @param endedAt   when it ended
 * @param success   whether it delivered the fax
 * @param result    the fax result for gateway attempts; null for webhook/email
 * @param detail    short human explanation, e.g. "HTTP 503"; may be null
 */
public record AttemptSummary(
    UUID attemptId,
    int number,
    EndpointRef endpoint,
    Instant startedAt,
    Instant endedAt,
    boolean success,
    FaxResult result,
    String detail) {

  public AttemptSummary {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(endpoint, "endpoint");
    if (number < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, was " + number);
    }
  }
}
