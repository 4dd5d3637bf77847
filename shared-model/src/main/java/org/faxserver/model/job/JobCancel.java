package org.faxserver.model.job;

import java.util.Objects;
import java.util.UUID;

/**
 * Command (api → queue, {@code fax.commands}): stop a job. fax-queue ends it as
 * {@link JobStatus#CANCELLED} unless it is already over, and kills a live call with {@link CallKill}.
 *
 * @param jobId       the job to cancel
 * @param tenantId    its tenant, checked by fax-queue so one tenant cannot cancel another's job
 * @param requestedBy user or API key id; may be null
 * @param reason      short human explanation; may be null
 */
public record JobCancel(UUID jobId, String tenantId, String requestedBy, String reason) {

  public static final String TYPE = "job.cancel";
  public static final int VERSION = 1;

  public JobCancel {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
  }
}
