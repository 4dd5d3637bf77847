package org.faxserver.api.fax;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the fax API tests: tenants with a number and an API key, uploads, and fax-queue's
 * published views (created from fax-queue's own migration) to simulate its progress.
 */
abstract class FaxApiTest extends ApiIntegrationTest {

    /** A tenant with one number and a user authenticated by API key. */
    record TenantFixture(long id, String number, WebTestClient client) {
    }

    @BeforeEach
    void queueViews() throws Exception {
        ensureQueueSchema();
    }

    protected TenantFixture aTenant() {
        long tenant = createTenant();
        String number = uniqueE164();
        post("/admin/number", Map.of("tenant_id", tenant, "number", number));
        var user = post("/admin/user", Map.of("tenant_id", tenant, "username", "fax" + unique(),
                "password", "tenant password 1"));
        // Conversion is CPU work; on a loaded build machine it can outlast WebTestClient's 5 s default.
        return new TenantFixture(tenant, number, client.mutate().responseTimeout(Duration.ofSeconds(30))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + user.get("api_key")).build());
    }

    /** A send form with the given documents as {@code file} parts, in order. */
    protected static MultipartBodyBuilder form(String from, String to, byte[]... files) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        if (from != null) {
            form.part("from", from);
        }
        if (to != null) {
            form.part("to", to);
        }
        for (int i = 0; i < files.length; i++) {
            // A misleading name on purpose: the type is judged by content.
            form.part("file", files[i]).filename("document-" + i + ".bin").contentType(MediaType.APPLICATION_OCTET_STREAM);
        }
        return form;
    }

    protected static WebTestClient.ResponseSpec send(TenantFixture tenant, MultipartBodyBuilder form,
                                                     String idempotencyKey) {
        var request = tenant.client().post().uri("/fax/send").contentType(MediaType.MULTIPART_FORM_DATA);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(form.build()).exchange();
    }

    /** Sends a PDF of {@code pages} pages to a fixed destination; returns the job id. */
    protected static UUID sendPdf(TenantFixture tenant, int pages) {
        var body = send(tenant, form(tenant.number(), "+12125550199", FaxFixtures.pdf(pages)), null)
                .expectStatus().isAccepted().expectBody(JSON).returnResult().getResponseBody();
        return UUID.fromString((String) body.get("job_id"));
    }

    /**
     * A submission recorded without its job.submitted message. For event stream tests: the broker is
     * shared with other modules' tests, whose fax-router would otherwise pick the job up and publish
     * real status changes for it (e.g. FAILED, tenant unknown in its database) into the stream.
     */
    protected UUID quietSubmission(TenantFixture tenant, int pages) {
        UUID jobId = UUID.randomUUID();
        db.sql("INSERT INTO api.submission (job_id, tenant_id, from_number, to_number, request_hash, tiff_key, "
                        + "pdf_key, pages) VALUES (:id, :tenant, :from, '+12125550199', repeat('0', 64), "
                        + "'jobs/' || :id || '/fax.tif', 'jobs/' || :id || '/fax.pdf', :pages)")
                .bind("id", jobId).bind("tenant", tenant.id()).bind("from", tenant.number()).bind("pages", pages)
                .then().block();
        return jobId;
    }

    /** Simulates fax-queue having the job in {@code status}. */
    protected void queueJob(UUID jobId, long tenantId, String status, int pagesSent, String errorType) {
        Instant now = Instant.now();
        var spec = db.sql("INSERT INTO queue.job (job_id, tenant_id, origin, to_number, document_key, "
                        + "document_media_type, pages, options, plan, status, attempt_count, pages_sent, failure_type, "
                        + "failure_code, failure_message, created_at, updated_at, completed_at) VALUES (:id, :tenant, "
                        + "'API', '+12125550199', 'jobs/x/fax.tif', 'image/tiff', 3, '{}', '{}', :status, 1, :sent, "
                        + ":errorType, :errorCode, :errorMessage, :now, :now, :completed) "
                        + "ON CONFLICT (job_id) DO UPDATE SET status = :status, pages_sent = :sent, "
                        + "failure_type = :errorType, failure_code = :errorCode, failure_message = :errorMessage, "
                        + "completed_at = :completed")
                .bind("id", jobId).bind("tenant", String.valueOf(tenantId)).bind("status", status)
                .bind("sent", pagesSent).bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        boolean failed = errorType != null;
        spec = failed ? spec.bind("errorType", errorType).bind("errorCode", "48")
                .bind("errorMessage", "all endpoints failed; last: T.30 48")
                : spec.bindNull("errorType", String.class).bindNull("errorCode", String.class)
                .bindNull("errorMessage", String.class);
        boolean done = "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
        spec = done ? spec.bind("completed", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                : spec.bindNull("completed", OffsetDateTime.class);
        spec.then().block();
    }
}
