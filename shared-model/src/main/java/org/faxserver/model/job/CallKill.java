package org.faxserver.model.job;

import java.util.Objects;
import java.util.UUID;

/**
 * Command (queue → every esl-gateway), published on {@code fax.events} so each gateway instance's own
 * queue receives it: end the call of an attempt. Only the gateway whose FreeSWITCH holds the call
 * ({@code origination_uuid} = attempt id) acts, with {@code uuid_kill}; the others ignore it. The
 * gateway then reports {@code attempt.finished} as usual, which is how fax-queue learns the call is gone.
 *
 * @param attemptId the attempt, i.e. the FreeSWITCH call uuid
 * @param jobId     its job
 * @param gateway   the sofia gateway the call went through; may be null
 * @param reason    why, e.g. "deadline passed" or "job cancelled"
 */
public record CallKill(UUID attemptId, UUID jobId, String gateway, String reason) {

  public static final String TYPE = "call.kill";
  public static final int VERSION = 1;

  public CallKill {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
  }
}
