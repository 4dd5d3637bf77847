package org.faxserver.model.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Fact (queue → api, notifier): a job moved to another status.
 *
 * @param jobId         the job
 * @param tenantId      its tenant, so consumers can scope without a lookup
 * @param status        the new status
 * @param attemptNumber attempts started so far (0 while queued)
 * @param nextAttemptAt when the next attempt is due, for {@link JobStatus#WAITING_RETRY}; else null
 * @param detail        short human explanation, e.g. "USER_BUSY, retry 2 of 3"; may be null
 */
public record JobStatusChanged(
    UUID jobId,
    String tenantId,
    JobStatus status,
    int attemptNumber,
    Instant nextAttemptAt,
    String detail) {

  public static final String TYPE = "job.status";
  public static final int VERSION = 1;

  public JobStatusChanged {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(status, "status");
  }
}
