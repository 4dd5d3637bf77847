package org.faxserver.api.fax.events;

import java.time.Instant;
import java.util.UUID;

import org.faxserver.api.fax.model.FaxJob;
import org.faxserver.api.fax.model.JobStatuses;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.Envelope;

/**
 * One event of a job's SSE stream: {@value #STATUS} (the job moved; also the first event, the state
 * when the stream opened) or {@value #PROGRESS} (an attempt negotiated or sent a page).
 *
 * @param tenantId the job's tenant when the message says (status does, progress does not)
 * @param name     the SSE event name
 * @param data     the SSE data: {@link StatusData} or {@link ProgressData}
 */
public record JobEvent(UUID jobId, String tenantId, String name, Object data, boolean isFinal) {
    public static final String STATUS = "status";
    public static final String PROGRESS = "progress";

    /** SSE data of a {@value #STATUS} event. */
    public record StatusData(UUID jobId, String status, int attemptNumber, Integer pagesSent, Integer pagesTotal,
                             Instant nextAttemptAt, String detail, Instant occurredAt) {
        StatusData with(Integer sent, Integer total, String newDetail) {
            return new StatusData(jobId, status, attemptNumber, sent, total, nextAttemptAt, newDetail, occurredAt);
        }
    }

    /** SSE data of a {@value #PROGRESS} event; negotiation fields are null until phase B is done. */
    public record ProgressData(UUID jobId, UUID attemptId, String stage, int pagesTransferred, Integer pagesTotal,
                               Integer transferRate, Boolean ecm, String t38Status, String remoteCsid,
                               Instant occurredAt) {
    }

    static JobEvent current(FaxJob job) {
        return new JobEvent(job.jobId(), null, STATUS, new StatusData(job.jobId(), job.status(), job.attemptCount(),
                job.pagesSent(), job.pagesTotal(), job.nextAttemptAt(), null,
                job.updatedAt() != null ? job.updatedAt() : job.createdAt()), job.hasEnded());
    }

    /** A final status from a message: status messages carry no page counts, and the last one should have them. */
    boolean lacksPages() {
        return isFinal && data instanceof StatusData s && s.pagesSent() == null;
    }

    /** This event without a status detail. */
    JobEvent withoutDetail() {
        return data instanceof StatusData s && s.detail() != null
                ? withData(s.with(s.pagesSent(), s.pagesTotal(), null)) : this;
    }

    /** This status event with the job's page counts. */
    JobEvent withPagesOf(FaxJob job) {
        return data instanceof StatusData s ? withData(s.with(job.pagesSent(), job.pagesTotal(), s.detail())) : this;
    }

    private JobEvent withData(StatusData status) {
        return new JobEvent(jobId, tenantId, name, status, isFinal);
    }

    static JobEvent of(Envelope<JobStatusChanged> envelope) {
        JobStatusChanged s = envelope.payload();
        String status = s.status().name();
        return new JobEvent(s.jobId(), s.tenantId(), STATUS, new StatusData(s.jobId(), status, s.attemptNumber(),
                null, null, s.nextAttemptAt(), s.detail(), envelope.occurredAt()), JobStatuses.isFinal(status));
    }

    static JobEvent progress(Envelope<AttemptProgress> envelope) {
        AttemptProgress p = envelope.payload();
        var n = p.negotiation();
        return new JobEvent(p.jobId(), null, PROGRESS, new ProgressData(p.jobId(), p.attemptId(), p.stage().name(),
                p.pagesTransferred(), p.pagesTotal(), n == null ? null : n.transferRate(),
                n == null ? null : n.ecmUsed(), n == null ? null : n.t38Status().name(),
                n == null ? null : n.remoteStationId(), envelope.occurredAt()), false);
    }
}
