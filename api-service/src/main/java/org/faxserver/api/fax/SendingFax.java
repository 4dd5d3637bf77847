package org.faxserver.api.fax;

import java.util.List;
import java.util.UUID;

import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.fax.DocumentIntake.StoredDocument;
import org.faxserver.api.fax.model.FaxJob;
import org.faxserver.api.fax.model.JobStatuses;
import org.faxserver.api.fax.model.RequestFingerprint;
import org.faxserver.api.fax.model.SendFields;
import org.faxserver.api.fax.model.SendRequest;
import org.faxserver.api.number.NumbersProperties;
import org.faxserver.api.outbox.OutboxWriter;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.ConflictException;
import org.faxserver.api.shared.model.UnprocessableInputException;
import org.faxserver.document.DocumentSource;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * {@code POST /fax/send}: validate, honour the Idempotency-Key, convert and store the documents,
 * then record the submission and its {@code job.submitted} event in one statement, which also checks that
 * {@code from} is a number of the tenant (one round trip for what took five; a wrong {@code from}, a client
 * error, costs its conversion). The documents are written before: a crash in between leaves orphan files,
 * never a job whose document is missing.
 */
@Service
public class SendingFax {
    /** What the client gets: a new job, or the job an earlier request with the same key created. */
    public record Outcome(UUID jobId, String status, int pages, boolean replayed) {
    }

    private final DocumentIntake intake;
    private final SubmissionRepository submissions;
    private final JobReadRepository jobs;
    private final OutboxWriter outbox;
    private final NumbersProperties numbers;

    SendingFax(DocumentIntake intake, SubmissionRepository submissions, JobReadRepository jobs,
               OutboxWriter outbox, NumbersProperties numbers) {
        this.intake = intake;
        this.submissions = submissions;
        this.jobs = jobs;
        this.outbox = outbox;
        this.numbers = numbers;
    }

    Mono<Outcome> send(TenantPrincipal principal, SendFields fields, List<DocumentSource> files) {
        return Mono.fromCallable(() -> SendRequest.of(fields, numbers.defaultRegion()))
                .flatMap(request -> {
                    if (request.idempotencyKey() == null) {
                        // Only a repeated key is compared with the request: without one, its files are not hashed.
                        return submit(principal, request, null, files);
                    }
                    return intake.digests(files)
                            .map(digests -> RequestFingerprint.of(request, digests))
                            .flatMap(hash -> replay(principal, request, hash)
                                    .switchIfEmpty(Mono.defer(() -> submit(principal, request, hash, files))));
                });
    }

    /** The earlier job for the same key and the same request; 409 for the same key with another request. */
    private Mono<Outcome> replay(TenantPrincipal principal, SendRequest request, String hash) {
        return submissions.findByIdempotencyKey(principal.tenantId(), request.idempotencyKey())
                .flatMap(earlier -> {
                    if (!earlier.requestHash().equals(hash)) {
                        return Mono.error(new ConflictException("Idempotency-Key '" + request.idempotencyKey()
                                + "' was already used for a different request (job " + earlier.jobId() + ")"));
                    }
                    return jobs.find(principal.tenantId(), earlier.jobId())
                            .map(FaxJob::status)
                            .map(status -> new Outcome(earlier.jobId(), status, earlier.pages(), true));
                });
    }

    private Mono<Outcome> submit(TenantPrincipal principal, SendRequest request, String hash,
                                 List<DocumentSource> files) {
        UUID jobId = UUID.randomUUID();
        return intake.convertAndStore(jobId, files)
                .flatMap(stored -> record(new Submission(jobId, principal.tenantId(), principal.userId(), request, hash,
                        stored.tiffKey(), stored.pages()), stored)
                        .onErrorResume(e -> intake.deleteLater(jobId, stored).then(Mono.error(e))))
                // Two requests with one key raced and the other committed first: answer as its retry.
                .onErrorResume(e -> Rows.conflicts(SubmissionRepository.UNIQUE_IDEMPOTENCY_KEY, "")
                                .apply(e) instanceof ConflictException,
                        e -> replay(principal, request, hash));
    }

    /** The submission and its {@code job.submitted} event, if {@code from} is a number of the tenant (else 422). */
    private Mono<Outcome> record(Submission submission, StoredDocument stored) {
        SendRequest r = submission.request();
        JobSubmitted submitted = new JobSubmitted(submission.jobId(), String.valueOf(submission.tenantId()),
                String.valueOf(submission.userId()), r.from(), r.to(), DocumentRef.tiff(stored.tiffKey()),
                stored.pages(), new JobOptions(r.header(), r.ident(), r.labels(), r.idempotencyKey()));
        return submissions.insertIfOwnNumber(submission, outbox.message(Exchanges.FAX_EVENTS,
                        RoutingKeys.JOB_SUBMITTED, JobSubmitted.TYPE, JobSubmitted.VERSION,
                        submission.jobId().toString(), submitted))
                .flatMap(recorded -> recorded
                        ? Mono.just(new Outcome(submission.jobId(), JobStatuses.SUBMITTED, stored.pages(), false))
                        : Mono.error(UnprocessableInputException.of(r.fromField(),
                                r.from().e164() + " is not a number of your tenant")));
    }
}
