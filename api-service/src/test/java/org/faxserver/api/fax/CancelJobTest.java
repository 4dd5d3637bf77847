package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.faxserver.model.job.JobCancel;
import org.faxserver.model.messaging.Exchanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancelJobTest extends FaxApiTest {
    private TenantFixture tenant;
    private BrokerMessages<JobCancel> cancels;

    @BeforeEach
    void setUp() throws Exception {
        tenant = aTenant();
        cancels = new BrokerMessages<>(Exchanges.FAX_COMMANDS, JobCancel.TYPE, JobCancel.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        cancels.close();
    }

    @Test
    void cancellingARunningJobPublishesJobCancelOnce() throws Exception {
        UUID job = sendPdf(tenant, 1);
        queueJob(job, tenant.id(), "IN_PROGRESS", 0, null);
        db.sql("INSERT INTO queue.attempt (attempt_id, job_id, number, endpoint_id, endpoint_kind, target, started_at, "
                + "deadline) VALUES (:id, :job, 1, 'ep-1', 'GATEWAY', 'gw1', now(), now() + interval '5 minutes')")
                .bind("id", UUID.randomUUID()).bind("job", job).then().block();

        tenant.client().post().uri("/fax/jobs/{id}/cancel", job).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.job_id").isEqualTo(job.toString())
                .jsonPath("$.cancel_requested").isEqualTo(true)
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.attempts.length()").isEqualTo(1); // the call it is about to hang up

        var messages = cancels.await(m -> m.payload().jobId().equals(job), 1);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).type()).isEqualTo(JobCancel.TYPE);
        assertThat(messages.get(0).correlationId()).isEqualTo(job.toString());
        assertThat(messages.get(0).payload().tenantId()).isEqualTo(String.valueOf(tenant.id()));
        assertThat(messages.get(0).payload().requestedBy()).isNotBlank();
    }

    @Test
    void aJobTheQueueHasNotSeenCanBeCancelledToo() throws Exception {
        UUID job = sendPdf(tenant, 1);
        tenant.client().post().uri("/fax/jobs/{id}/cancel", job).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        assertThat(cancels.await(m -> m.payload().jobId().equals(job), 1)).hasSize(1);
    }

    @Test
    void aFinishedJobCannotBeCancelled() throws Exception {
        UUID job = sendPdf(tenant, 1);
        queueJob(job, tenant.id(), "SUCCEEDED", 1, null);
        tenant.client().post().uri("/fax/jobs/{id}/cancel", job).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("SUCCEEDED"));
        assertThat(cancels.await(m -> m.payload().jobId().equals(job), 0)).isEmpty();
    }

    @Test
    void anUnknownJobIs404() {
        tenant.client().post().uri("/fax/jobs/{id}/cancel", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }
}
