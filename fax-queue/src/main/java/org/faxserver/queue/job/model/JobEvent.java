package org.faxserver.queue.job.model;

import java.time.Instant;
import java.util.UUID;
import org.faxserver.model.job.JobStatus;

/** What a job transition tells the world; the application turns each into a message. */
public sealed interface JobEvent {

  /** The job's status changed ({@code job.status}). */
  record StatusChanged(JobStatus status, String detail, Instant nextAttemptAt) implements JobEvent {}

  /** The job is over ({@code job.completed}); {@code reason} is null on success. */
  record Ended(JobStatus status, FailureReason reason) implements JobEvent {}

  /** A live call must be ended ({@code call.kill}). */
  record KillRequested(UUID attemptId, String reason) implements JobEvent {}
}
