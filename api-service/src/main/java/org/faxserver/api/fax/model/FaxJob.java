package org.faxserver.api.fax.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sent fax as the tenant sees it: the submission, overlaid with fax-queue's view of the job once it
 * has one (until then the status is {@link JobStatuses#SUBMITTED}).
 *
 * @param pagesSent     pages delivered by the best attempt so far
 * @param attemptCount  attempts started so far
 * @param nextAttemptAt when the next attempt is due while waiting for a retry; else null
 * @param error         why the job failed or was cancelled; null otherwise
 * @param documentPurgedAt when the document was deleted at the end of its retention period; null while kept
 * @param attempts      every attempt, oldest first; empty in lists
 */
public record FaxJob(UUID jobId, String status, String from, String to, int pagesTotal, int pagesSent,
                     int attemptCount, Instant nextAttemptAt, String header, String ident,
                     Map<String, String> labels, JobError error, boolean cancelRequested, Instant createdAt,
                     Instant updatedAt, Instant completedAt, Instant documentPurgedAt, List<FaxAttempt> attempts) {
    public FaxJob {
        labels = Map.copyOf(labels);
        attempts = List.copyOf(attempts);
    }

    /** Whether the job is over (not named isFinal: that would become a JSON property). */
    public boolean hasEnded() {
        return JobStatuses.isFinal(status);
    }

    public FaxJob withAttempts(List<FaxAttempt> all) {
        return new FaxJob(jobId, status, from, to, pagesTotal, pagesSent, attemptCount, nextAttemptAt, header, ident,
                labels, error, cancelRequested, createdAt, updatedAt, completedAt, documentPurgedAt, all);
    }
}
