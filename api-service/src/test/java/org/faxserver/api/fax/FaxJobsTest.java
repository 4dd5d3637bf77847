package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.faxserver.api.retention.RetentionSweep;
import org.faxserver.document.store.DocumentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;

/** Status, lists and documents, read from api.submission and fax-queue's views. */
class FaxJobsTest extends FaxApiTest {
    @Autowired
    DocumentStore store;
    @Autowired
    @Qualifier("sentDocumentRetention")
    RetentionSweep<?> retention;

    private TenantFixture tenant;

    @BeforeEach
    void setUp() {
        tenant = aTenant();
    }

    @Test
    void aJobTheQueueHasNotSeenIsSubmitted() {
        UUID job = sendPdf(tenant, 2);
        tenant.client().get().uri("/fax/jobs/{id}", job).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.job_id").isEqualTo(job.toString())
                .jsonPath("$.status").isEqualTo("SUBMITTED")
                .jsonPath("$.pages_total").isEqualTo(2)
                .jsonPath("$.pages_sent").isEqualTo(0)
                .jsonPath("$.attempts").isEmpty()
                .jsonPath("$.error").isEmpty();
    }

    @Test
    void theStatusShowsEveryAttemptAndTheTypedErrorFromTheQueueViews() {
        UUID job = sendPdf(tenant, 3);
        queueJob(job, tenant.id(), "FAILED", 2, "ALL_ENDPOINTS_FAILED");
        insertAttempt(job, 1, "gw-a", "NORMAL_CLEARING", 48, "Disconnected after permitted retries", 2, null);
        insertAttempt(job, 2, "gw-b", "USER_BUSY", null, null, 0, null);

        tenant.client().get().uri("/fax/jobs/{id}", job).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.pages_sent").isEqualTo(2)
                .jsonPath("$.pages_total").isEqualTo(3)
                .jsonPath("$.error.type").isEqualTo("ALL_ENDPOINTS_FAILED")
                .jsonPath("$.error.code").isEqualTo("48")
                .jsonPath("$.error.message").isNotEmpty()
                .jsonPath("$.completed_at").isNotEmpty()
                .jsonPath("$.attempts.length()").isEqualTo(2)
                .jsonPath("$.attempts[0].number").isEqualTo(1)
                .jsonPath("$.attempts[0].gateway").isEqualTo("gw-a")
                .jsonPath("$.attempts[0].hangup_cause").isEqualTo("NORMAL_CLEARING")
                .jsonPath("$.attempts[0].t30_code").isEqualTo(48)
                .jsonPath("$.attempts[0].t30_text").isEqualTo("Disconnected after permitted retries")
                .jsonPath("$.attempts[0].remote_csid").isEqualTo("REMOTE CSID")
                .jsonPath("$.attempts[0].bit_rate").isEqualTo(14400)
                .jsonPath("$.attempts[0].ecm").isEqualTo(true)
                .jsonPath("$.attempts[0].t38_status").isEqualTo("NEGOTIATED")
                .jsonPath("$.attempts[0].bad_rows").isEqualTo(3)
                .jsonPath("$.attempts[0].pages_sent").isEqualTo(2)
                .jsonPath("$.attempts[0].pages[0].page").isEqualTo(1)
                .jsonPath("$.attempts[0].pages[0].bad_rows").isEqualTo(3)
                .jsonPath("$.attempts[0].pages[0].encoding").isEqualTo("T.4 2-D")
                .jsonPath("$.attempts[0].started_at").isNotEmpty()
                .jsonPath("$.attempts[1].gateway").isEqualTo("gw-b")
                .jsonPath("$.attempts[1].hangup_cause").isEqualTo("USER_BUSY")
                .jsonPath("$.attempts[1].pages").isEmpty();
    }

    @Test
    void theSeedsStatusRouteAnswersLikeTheJobRoute() {
        UUID job = sendPdf(tenant, 1);
        queueJob(job, tenant.id(), "IN_PROGRESS", 0, null);
        tenant.client().get().uri("/fax/status?uuid={id}", job).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.job_id").isEqualTo(job.toString())
                .jsonPath("$.status").isEqualTo("IN_PROGRESS");
        tenant.client().get().uri("/fax/status?uuid=not-a-uuid").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("uuid");
        tenant.client().get().uri("/fax/status").exchange().expectStatus().isBadRequest();
        tenant.client().get().uri("/fax/status?uuid=").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("uuid");
        tenant.client().get().uri("/fax/status?uuid={id}&uuid={id}", job, job).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("must be given once");
        tenant.client().get().uri("/fax/status?uuid={id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void theListIsTheTenantsJobsNewestFirstWithFiltersAndPaging() {
        UUID first = sendPdf(tenant, 1);
        var form = form(tenant.number(), "+12125550142", FaxFixtures.pdf(1));
        form.part("label", "invoice=4711");
        UUID second = UUID.fromString((String) send(tenant, form, null).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody().get("job_id"));
        UUID third = sendPdf(tenant, 1);
        queueJob(third, tenant.id(), "SUCCEEDED", 1, null);
        sendPdf(aTenant(), 1); // another tenant's job never shows up

        assertThat(jobIds("/fax/jobs")).containsExactly(third, second, first);
        tenant.client().get().uri("/fax/jobs?size=2&page=1").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(3).jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].job_id").isEqualTo(first.toString());
        assertThat(jobIds("/fax/jobs?status=SUCCEEDED")).containsExactly(third);
        assertThat(jobIds("/fax/jobs?status=submitted")).containsExactly(second, first);
        assertThat(jobIds("/fax/jobs?to=2125550142")).containsExactly(second);
        assertThat(jobIds("/fax/jobs?label=invoice=4711")).containsExactly(second);
        assertThat(jobIds("/fax/jobs?label=invoice=4712")).isEmpty();
        assertThat(jobIdsOf(tenant, "/fax/jobs?from={from}", tenant.number())).hasSize(3);
        assertThat(jobIds("/fax/jobs?created_after=" + Instant.now().plusSeconds(60))).isEmpty();
        assertThat(jobIds("/fax/jobs?created_before=" + Instant.now().plusSeconds(60))).hasSize(3);
    }

    @Test
    void invalidListFiltersAre400() {
        tenant.client().get().uri("/fax/jobs?status=DONE").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        tenant.client().get().uri("/fax/jobs?label=novalue").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("label");
        tenant.client().get().uri("/fax/jobs?created_after=yesterday").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("created_after")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("2026-12-07T00:00:00Z"));
        // A misspelt filter is an error, not a list of every job.
        tenant.client().get().uri("/fax/jobs?stauts=FAILED&size=5").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("stauts")
                .jsonPath("$.errors[0].message").isEqualTo("is not a known parameter");
        tenant.client().get().uri("/fax/jobs/not-a-uuid").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("is not a valid id (UUID)");
    }

    @Test
    void theDocumentIsThePdfAsSent() throws IOException {
        UUID job = sendPdf(tenant, 3);
        byte[] pdf = tenant.client().get().uri("/fax/jobs/{id}/document", job).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("fax-" + job + ".pdf"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(3);
        }
    }

    @Test
    void aJobStoredWithItsPdfServesThatPdf() throws IOException {
        // Submissions made before PDFs were rendered on demand have a pdf_key and a stored PDF.
        UUID job = quietSubmission(tenant, 2);
        byte[] stored = FaxFixtures.pdf(2);
        store.store("jobs/" + job + "/fax.pdf", stored);
        byte[] served = tenant.client().get().uri("/fax/jobs/{id}/document", job).exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(stored);
    }

    @Test
    void aDocumentThatIsGoneIsNotFound() {
        UUID job = quietSubmission(tenant, 1);
        tenant.client().get().uri("/fax/jobs/{id}/document", job).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theDocumentOfAJobThatEndedLongerThanTheRetentionAgoIsDeletedAndTheJobStays() throws IOException {
        UUID endedLongAgo = quietSubmission(tenant, 1);
        UUID stillRetrying = quietSubmission(tenant, 1);
        UUID endedToday = quietSubmission(tenant, 1);
        for (UUID job : List.of(endedLongAgo, stillRetrying, endedToday)) {
            store.store("jobs/" + job + "/fax.tif", FaxFixtures.pdf(1)); // the content does not matter here
            store.store("jobs/" + job + "/fax.pdf", FaxFixtures.pdf(1));
        }
        queueJob(endedLongAgo, tenant.id(), "SUCCEEDED", 1, null);
        queueJob(stillRetrying, tenant.id(), "WAITING_RETRY", 0, null);
        queueJob(endedToday, tenant.id(), "FAILED", 0, "FAX");
        // all three submitted 400 days ago (retention 90 days); only the first also ended then
        db.sql("UPDATE api.submission SET created_at = now() - interval '400 days' WHERE job_id IN (:a, :b, :c)")
                .bind("a", endedLongAgo).bind("b", stillRetrying).bind("c", endedToday).then().block();
        db.sql("UPDATE queue.job SET completed_at = now() - interval '399 days' WHERE job_id = :id")
                .bind("id", endedLongAgo).then().block();

        retention.sweep();

        assertThat(store.exists("jobs/" + endedLongAgo + "/fax.tif")).isFalse();
        assertThat(store.exists("jobs/" + endedLongAgo + "/fax.pdf")).isFalse();
        tenant.client().get().uri("/fax/jobs/{id}/document", endedLongAgo).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("retention period"));
        Map<String, Object> job = tenant.client().get().uri("/fax/jobs/{id}", endedLongAgo).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(job).containsEntry("status", "SUCCEEDED");
        assertThat(job.get("document_purged_at")).isNotNull();
        for (UUID kept : List.of(stillRetrying, endedToday)) {
            assertThat(store.exists("jobs/" + kept + "/fax.tif")).as("job %s", kept).isTrue();
            tenant.client().get().uri("/fax/jobs/{id}/document", kept).exchange().expectStatus().isOk();
        }
    }

    @Test
    void aFaxToAnotherTenantsNumberDoesNotShowThatTenantsEndpointsOrTheirFailures() {
        TenantFixture other = aTenant();
        var body = send(tenant, form(tenant.number(), other.number(), FaxFixtures.pdf(1)), null)
                .expectStatus().isAccepted().expectBody(JSON).returnResult().getResponseBody();
        UUID job = UUID.fromString((String) body.get("job_id"));
        queueJob(job, tenant.id(), "FAILED", 0, "ALL_ENDPOINTS_FAILED");
        insertAttempt(job, 1, "other-tenants-pbx", "NORMAL_CLEARING", 49, "The call dropped prematurely", 0, null);
        UUID own = sendPdf(tenant, 1); // to a number that is no tenant's: the carriers
        queueJob(own, tenant.id(), "FAILED", 0, "ALL_ENDPOINTS_FAILED");
        insertAttempt(own, 1, "carrier-a", "NORMAL_CLEARING", 49, "The call dropped prematurely", 0, null);

        tenant.client().get().uri("/fax/jobs/{id}", job).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.error.message").isEqualTo("delivery to this number failed")
                .jsonPath("$.attempts[0].gateway").doesNotExist()
                .jsonPath("$.attempts[0].t30_code").isEqualTo(49);
        UUID refused = UUID.fromString((String) send(tenant, form(tenant.number(), other.number(), FaxFixtures.pdf(1)),
                null).expectStatus().isAccepted().expectBody(JSON).returnResult().getResponseBody().get("job_id"));
        queueJob(refused, tenant.id(), "FAILED", 0, "NO_ROUTE"); // its message names nobody's endpoints
        tenant.client().get().uri("/fax/jobs/{id}", refused).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.error.message").isEqualTo("all endpoints failed; last: T.30 48");
        tenant.client().get().uri("/fax/jobs/{id}", own).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.error.message").isEqualTo("all endpoints failed; last: T.30 48")
                .jsonPath("$.attempts[0].gateway").isEqualTo("carrier-a");
    }

    @Test
    void anotherTenantsJobIsNotFoundOnEveryRoute() {
        UUID job = sendPdf(tenant, 1);
        TenantFixture other = aTenant();
        for (String path : List.of("/fax/jobs/" + job, "/fax/status?uuid=" + job, "/fax/jobs/" + job + "/document",
                "/fax/jobs/" + job + "/events")) {
            other.client().get().uri(path).exchange().expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        other.client().post().uri("/fax/jobs/{id}/cancel", job).exchange().expectStatus().isNotFound();
        assertThat(jobIdsOf(other, "/fax/jobs")).doesNotContain(job);
        // And the owner still sees it.
        tenant.client().get().uri("/fax/jobs/{id}", job).exchange().expectStatus().isOk();
    }

    @Test
    void jobRoutesNeedCredentials() {
        UUID job = UUID.randomUUID();
        for (String path : List.of("/fax/jobs", "/fax/jobs/" + job, "/fax/jobs/" + job + "/document",
                "/fax/jobs/" + job + "/events", "/fax/status?uuid=" + job)) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        client.post().uri("/fax/jobs/{id}/cancel", job).exchange().expectStatus().isUnauthorized();
    }

    private List<UUID> jobIds(String uri) {
        return jobIdsOf(tenant, uri);
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> jobIdsOf(TenantFixture t, String uri, Object... values) {
        Map<String, Object> page = t.client().get().uri(uri, values).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .map(item -> UUID.fromString((String) item.get("job_id"))).toList();
    }

    private void insertAttempt(UUID job, int number, String gateway, String hangupCause, Integer t30Code,
                               String t30Text, int pagesSent, Void unused) {
        boolean fax = t30Code != null;
        var spec = db.sql("INSERT INTO queue.attempt (attempt_id, job_id, number, endpoint_id, endpoint_kind, target, "
                        + "started_at, deadline, ended_at, end_kind, success, hangup_cause, t30_code, t30_text, "
                        + "remote_csid, bit_rate, ecm, t38_status, bad_rows, pages_sent, pages_total, pages) VALUES "
                        + "(:id, :job, :number, 'ep-' || :number, 'GATEWAY', :gateway, now() - interval '5 minutes', "
                        + "now() + interval '5 minutes', now(), 'FINISHED', false, :hangup, :t30, :t30text, :csid, "
                        + ":rate, :ecm, :t38, :bad, :sent, 3, CAST(:pages AS jsonb))")
                .bind("id", UUID.randomUUID()).bind("job", job).bind("number", number).bind("gateway", gateway)
                .bind("hangup", hangupCause).bind("sent", pagesSent);
        if (fax) {
            spec = spec.bind("t30", t30Code).bind("t30text", t30Text).bind("csid", "REMOTE CSID").bind("rate", 14400)
                    .bind("ecm", true).bind("t38", "NEGOTIATED").bind("bad", 3)
                    .bind("pages", "[{\"page\":1,\"badRows\":3,\"longestBadRowRun\":1,\"encoding\":\"T.4 2-D\","
                            + "\"imageResolution\":\"204x196\",\"imagePixelSize\":\"1728x2292\",\"imageSizeBytes\":30000},"
                            + "{\"page\":2,\"badRows\":0,\"longestBadRowRun\":0,\"encoding\":\"T.4 2-D\"}]");
        } else {
            spec = spec.bindNull("t30", Integer.class).bindNull("t30text", String.class).bindNull("csid", String.class)
                    .bindNull("rate", Integer.class).bindNull("ecm", Boolean.class).bindNull("t38", String.class)
                    .bindNull("bad", Integer.class).bindNull("pages", String.class);
        }
        spec.then().block();
    }
}
