package org.faxserver.queue.job.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatus;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.retry.model.RetryDecision;
import org.faxserver.queue.retry.model.RetryPolicy;

/**
 * A fax job and where it stands in its delivery plan. Endpoints are tried strictly one after another
 * in plan order (priority groups in order, endpoints of a group in order): never two at once, and a
 * success ends the plan, whatever priorities remain (the seed sent duplicates to lower priorities).
 *
 * <p>Immutable; each transition returns a {@link JobChange} with the new job and its events.
 *
 * @param endpointIndex     index into {@link #endpoints()} of the endpoint being tried
 * @param triesOnEndpoint   attempts started on that endpoint
 * @param attemptCount      attempts started in total (the next attempt's number is this + 1)
 * @param priorNegotiations phase B runs of all finished calls (for the degrade rules)
 * @param nextAttemptAt     when the next attempt is due; null while one is live or when the job is over
 * @param liveAttemptId     the attempt in flight; at most one
 * @param failure           why the job ended unsuccessfully; null otherwise
 */
public record Job(
    UUID id,
    String tenantId,
    JobOrigin origin,
    String submittedBy,
    PhoneNumber from,
    PhoneNumber to,
    DocumentRef document,
    int pages,
    JobOptions options,
    DeliveryPlan plan,
    JobStatus status,
    int endpointIndex,
    int triesOnEndpoint,
    int attemptCount,
    int priorNegotiations,
    Instant nextAttemptAt,
    UUID liveAttemptId,
    FailureReason failure,
    Instant createdAt) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(plan, "plan");
    // The schedule reads "due" from next_attempt_at alone (V4's constraint says the same in the database).
    if (liveAttemptId != null && nextAttemptAt != null) {
      throw new IllegalArgumentException("job " + id + " cannot be due while attempt " + liveAttemptId + " is live");
    }
  }

  /**
   * A routed job enters the queue: due at once, or failed at once with a typed reason if the router
   * rejected it or there is nowhere to send it.
   */
  public static JobChange accept(JobRouted routed, Instant now) {
    Job job = new Job(routed.jobId(), routed.tenantId(), routed.origin(), routed.submittedBy(), routed.from(),
        routed.to(), routed.document(), routed.pages(), routed.options(), routed.plan(), JobStatus.QUEUED, 0, 0, 0,
        0, now, null, null, now);
    if (routed.isRejected()) {
      return job.fail(FailureReason.rejectedByRouter(routed.rejection()));
    }
    if (routed.plan().isEmpty()) {
      return job.fail(FailureReason.noRoute());
    }
    return JobChange.of(job, new JobEvent.StatusChanged(JobStatus.QUEUED, null, now));
  }

  public List<EndpointRef> endpoints() {
    return plan.endpointsInOrder();
  }

  public EndpointRef currentEndpoint() {
    return endpoints().get(endpointIndex);
  }

  public boolean isFinal() {
    return status.isFinal();
  }

  /** Whether an attempt should start now. */
  public boolean isDue(Instant now) {
    return !isFinal() && liveAttemptId == null && nextAttemptAt != null && !nextAttemptAt.isAfter(now);
  }

  /**
   * Starts an attempt on endpoint {@code index} (the current one, or a later one when unhealthy
   * gateways are skipped).
   *
   * @throws IllegalStateException if the job is not due: a bug in the caller, never a business "no"
   */
  public JobChange startAttempt(UUID attemptId, int index, Instant now) {
    if (!isDue(now)) {
      throw new IllegalStateException("job " + id + " is not due for an attempt (" + status + ")");
    }
    if (index < endpointIndex || index >= endpoints().size()) {
      throw new IllegalArgumentException("endpoint index " + index + " is not ahead in the plan");
    }
    int tries = index == endpointIndex ? triesOnEndpoint + 1 : 1;
    Job next = new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan,
        JobStatus.IN_PROGRESS, index, tries, attemptCount + 1, priorNegotiations, null, attemptId, null, createdAt);
    return JobChange.of(next, new JobEvent.StatusChanged(JobStatus.IN_PROGRESS,
        "attempt " + next.attemptCount + " via " + next.currentEndpoint().target(), null));
  }

  /** Postpones the next attempt (its gateway is busy or unhealthy); not a status change. */
  public Job postponeUntil(Instant at) {
    return new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan, status,
        endpointIndex, triesOnEndpoint, attemptCount, priorNegotiations, at, liveAttemptId, failure, createdAt);
  }

  /**
   * The live attempt ended. Reports for any other attempt (late, duplicate, or for an attempt already
   * reconciled) are ignored, so they never change a job; after a cancel the attempt is only released.
   */
  public JobChange attemptFinished(UUID attemptId, AttemptOutcome outcome, RetryPolicy policy, Instant now) {
    if (liveAttemptId == null || !liveAttemptId.equals(attemptId)) {
      return JobChange.ignored(this, "attempt " + attemptId + " is not the live attempt of job " + id);
    }
    Job released = new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan, status,
        endpointIndex, triesOnEndpoint, attemptCount, priorNegotiations + outcome.negotiations(), null, null,
        failure, createdAt);
    if (isFinal()) {
      return JobChange.of(released);
    }
    if (isBeingCancelled()) {
      // A fax the call completed was delivered, cancel or not: saying CANCELLED would invite sending it again.
      return outcome.success()
          ? released.end(JobStatus.SUCCEEDED, null, "delivered before the cancel took effect")
          : released.end(JobStatus.CANCELLED, failure, failure.message());
    }
    boolean hasNext = endpointIndex + 1 < endpoints().size();
    RetryDecision decision = policy.decide(outcome, triesOnEndpoint, hasNext, now);
    if (decision instanceof RetryDecision.Delivered) {
      return released.end(JobStatus.SUCCEEDED, null, "delivered via " + currentEndpoint().target());
    }
    if (decision instanceof RetryDecision.RetryAt retry) {
      return released.waitForRetry(endpointIndex, triesOnEndpoint, retry.at(), retry.reason());
    }
    if (decision instanceof RetryDecision.NextEndpoint next) {
      return released.waitForRetry(endpointIndex + 1, 0, now, next.reason() + "; next endpoint");
    }
    return released.fail(((RetryDecision.GiveUp) decision).reason());
  }

  /**
   * Cancels the job unless it is over. Without a live attempt it ends CANCELLED now. With one, the call is to be
   * killed and its report decides: a fax it still completed ends the job SUCCEEDED (it was delivered), anything
   * else CANCELLED. Until then the job stays in progress with the cancel recorded as its pending failure, so it
   * starts no other attempt and the decision survives a restart.
   */
  public JobChange cancel(String why, Instant now) {
    if (isFinal()) {
      return JobChange.ignored(this, "job " + id + " is already " + status);
    }
    if (isBeingCancelled()) {
      return JobChange.ignored(this, "job " + id + " is being cancelled already");
    }
    FailureReason reason = FailureReason.cancelled(why);
    if (liveAttemptId == null) {
      return end(JobStatus.CANCELLED, reason, reason.message());
    }
    Job cancelling = new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan, status,
        endpointIndex, triesOnEndpoint, attemptCount, priorNegotiations, null, liveAttemptId, reason, createdAt);
    return new JobChange(cancelling, List.of(
        new JobEvent.StatusChanged(status, "cancel requested: ending the live attempt", null),
        new JobEvent.KillRequested(liveAttemptId, "job cancelled")), null);
  }

  /** A cancel is waiting for the live attempt's report (see {@link #cancel}). */
  public boolean isBeingCancelled() {
    return !isFinal() && liveAttemptId != null && failure != null && failure.type() == FailureReason.Type.CANCELLED;
  }

  private JobChange waitForRetry(int index, int tries, Instant at, String detail) {
    Job waiting = new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan,
        JobStatus.WAITING_RETRY, index, tries, attemptCount, priorNegotiations, at, null, null, createdAt);
    return JobChange.of(waiting, new JobEvent.StatusChanged(JobStatus.WAITING_RETRY, detail, at));
  }

  private JobChange fail(FailureReason reason) {
    Job failed = new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan,
        JobStatus.FAILED, endpointIndex, triesOnEndpoint, attemptCount, priorNegotiations, null, null, reason,
        createdAt);
    return JobChange.of(failed, new JobEvent.StatusChanged(JobStatus.FAILED, reason.message(), null),
        new JobEvent.Ended(JobStatus.FAILED, reason));
  }

  private JobChange end(JobStatus finalStatus, FailureReason reason, String detail) {
    Job ended = new Job(id, tenantId, origin, submittedBy, from, to, document, pages, options, plan, finalStatus,
        endpointIndex, triesOnEndpoint, attemptCount, priorNegotiations, null, null, reason, createdAt);
    return JobChange.of(ended, new JobEvent.StatusChanged(finalStatus, detail, null),
        new JobEvent.Ended(finalStatus, reason));
  }
}
