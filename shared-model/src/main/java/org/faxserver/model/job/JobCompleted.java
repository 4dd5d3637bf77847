package org.faxserver.model.job;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;

/**
 * Fact (queue → api, notifier): a job is over; the final outcome with every attempt, so receipts can
 * be written from this message alone.
 *
 * @param jobId       the job
 * @param tenantId    its tenant
 * @param origin      API submission or inbound relay
 * @param submittedBy user or API key id for API jobs; null otherwise
 * @param from        sender; may be null for relays from anonymous callers
 * @param to          destination
 * @param pages       pages in the document
 * @param status      {@link JobStatus#SUCCEEDED}, {@link JobStatus#FAILED} or {@link JobStatus#CANCELLED}
 * @param reason      why it ended that way in a few words, e.g. "all endpoints failed"; may be null
 * @param attempts    every attempt in order
 * @param document    the job's document (the fax that was sent or received), so receipts can attach it;
 *                    null from producers older than this field
 */
public record JobCompleted(
    UUID jobId,
    String tenantId,
    JobOrigin origin,
    String submittedBy,
    PhoneNumber from,
    PhoneNumber to,
    int pages,
    JobStatus status,
    String reason,
    List<AttemptSummary> attempts,
    DocumentRef document) {

  public static final String TYPE = "job.completed";
  public static final int VERSION = 1;

  public JobCompleted {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(status, "status");
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    // UNKNOWN is allowed so a newer producer's final status does not make the message unreadable.
    if (!status.isFinal() && status != JobStatus.UNKNOWN) {
      throw new IllegalArgumentException("a completed job needs a final status, was " + status);
    }
  }
}
