package org.faxserver.model.attempt;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.fax.FaxResult;

/**
 * Fact (esl-gateway → queue): an attempt is over, with the full fax result.
 *
 * @param attemptId  the attempt (FreeSWITCH call uuid)
 * @param jobId      its job
 * @param gateway    the gateway that was dialled
 * @param end        how the call ended
 * @param result     the fax result; {@code result.success()} decides success
 * @param startedAt  when the originate was issued
 * @param answeredAt when the far end answered; null if it never did
 * @param detail     extra explanation, e.g. the txfax Application-Response or the watchdog that
 *                   fired; may be null
 */
public record AttemptFinished(
    UUID attemptId,
    UUID jobId,
    String gateway,
    AttemptEnd end,
    FaxResult result,
    Instant startedAt,
    Instant answeredAt,
    String detail) {

  public static final String TYPE = "attempt.finished";
  public static final int VERSION = 1;

  public AttemptFinished {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(result, "result");
    if (result.success() && end != AttemptEnd.FAX_COMPLETED) {
      throw new IllegalArgumentException("only a completed fax can succeed, end was " + end);
    }
  }
}
