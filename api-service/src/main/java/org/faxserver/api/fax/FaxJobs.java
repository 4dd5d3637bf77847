package org.faxserver.api.fax;

import java.nio.file.NoSuchFileException;
import java.util.UUID;

import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.fax.model.FaxJob;
import org.faxserver.api.fax.model.JobFilter;
import org.faxserver.api.outbox.OutboxWriter;
import org.faxserver.api.shared.model.ConflictException;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.messaging.Exchanges;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tenant's jobs: status with attempts, lists, the PDF as sent, cancellation. Another tenant's
 * job is "not found" (404), never "forbidden", so job ids reveal nothing.
 */
@Service
public class FaxJobs {
    private final JobReadRepository jobs;
    private final SubmissionRepository submissions;
    private final DocumentIntake documents;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    FaxJobs(JobReadRepository jobs, SubmissionRepository submissions, DocumentIntake documents, OutboxWriter outbox,
            TransactionalOperator tx) {
        this.jobs = jobs;
        this.submissions = submissions;
        this.documents = documents;
        this.outbox = outbox;
        this.tx = tx;
    }

    /** The job without its attempts (cheap: for the event stream's first event and cancel checks). */
    public Mono<FaxJob> summary(TenantPrincipal principal, UUID jobId) {
        return jobs.find(principal.tenantId(), jobId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("job", jobId)));
    }

    /** Whether the job went to another tenant's endpoints: its events then leave out their details. */
    public Mono<Boolean> toAnotherTenant(TenantPrincipal principal, UUID jobId) {
        return jobs.toAnotherTenant(principal.tenantId(), jobId);
    }

    Mono<FaxJob> get(TenantPrincipal principal, UUID jobId) {
        return summary(principal, jobId)
                .flatMap(job -> jobs.attempts(jobId).collectList().map(job::withAttempts));
    }

    Mono<Page<FaxJob>> list(TenantPrincipal principal, JobFilter filter, PageRequest page) {
        return Mono.zip(jobs.list(principal.tenantId(), filter, page).collectList(),
                        jobs.count(principal.tenantId(), filter))
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    /** The PDF as sent: rendered from the job's TIFF-F, or streamed as stored for jobs that have one. */
    Mono<Flux<DataBuffer>> document(TenantPrincipal principal, UUID jobId) {
        return jobs.documentKeys(principal.tenantId(), jobId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("job", jobId)))
                .flatMap(keys -> keys.purged()
                        ? Mono.error(new NotFoundException("the document of job " + jobId
                                + " was deleted when its retention period ended (the job record stays)"))
                        : Mono.just((keys.pdfKey() != null ? documents.read(keys.pdfKey())
                                : documents.pdfOf(keys.tiffKey()))
                                .onErrorMap(NoSuchFileException.class,
                                        e -> new NotFoundException("document of job", jobId))));
    }

    /**
     * Asks fax-queue to cancel the job ({@code job.cancel} via the outbox); 409 once the job is final.
     * Whether it is cancelled in time is fax-queue's decision; the status shows the outcome.
     */
    Mono<FaxJob> cancel(TenantPrincipal principal, UUID jobId) {
        return summary(principal, jobId)
                .flatMap(job -> {
                    if (job.hasEnded()) {
                        return Mono.error(new ConflictException("job " + jobId + " is already " + job.status()));
                    }
                    JobCancel command = new JobCancel(jobId, String.valueOf(principal.tenantId()),
                            String.valueOf(principal.userId()), "cancelled by " + principal.username() + " via the API");
                    // fax-queue binds job.cancel on fax.commands under the message type (decision 0004).
                    return submissions.markCancelRequested(principal.tenantId(), jobId)
                            .then(outbox.append(Exchanges.FAX_COMMANDS, JobCancel.TYPE, JobCancel.TYPE,
                                    JobCancel.VERSION, jobId.toString(), command))
                            .as(tx::transactional)
                            .then(get(principal, jobId));
                });
    }
}
