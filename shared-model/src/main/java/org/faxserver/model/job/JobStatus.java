package org.faxserver.model.job;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where a job stands, as the API shows it. */
public enum JobStatus {
  /** Accepted, waiting for its first attempt. */
  QUEUED,
  /** An attempt is running (dialing, sending, delivering). */
  IN_PROGRESS,
  /** The last attempt failed; another is scheduled. */
  WAITING_RETRY,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** A status this reader does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** Whether the job is over and will not change again. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
