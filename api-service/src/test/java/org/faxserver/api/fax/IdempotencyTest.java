package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends FaxApiTest {
    private static final String TO = "+12125550199";

    private TenantFixture tenant;
    private BrokerMessages<JobSubmitted> submitted;
    private final byte[] document = FaxFixtures.pdf(2);

    @BeforeEach
    void setUp() throws Exception {
        tenant = aTenant();
        submitted = new BrokerMessages<>(Exchanges.FAX_EVENTS, RoutingKeys.JOB_SUBMITTED, JobSubmitted.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        submitted.close();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void theSameRequestTwiceWithOneKeyIsOneJobAndOneMessage() throws Exception {
        String key = key();
        Map<String, Object> first = send(tenant, form(tenant.number(), TO, document), key)
                .expectStatus().isAccepted()
                .expectHeader().valueEquals(FaxController.REPLAYED_HEADER, "false")
                .expectBody(JSON).returnResult().getResponseBody();
        // Same content, other spelling of the destination: still the same request.
        Map<String, Object> second = send(tenant, form(tenant.number(), "(212) 555-0199", document), key)
                .expectStatus().isOk()
                .expectHeader().valueEquals(FaxController.REPLAYED_HEADER, "true")
                .expectHeader().valueEquals("Location", "/fax/jobs/" + first.get("job_id"))
                .expectBody(JSON).returnResult().getResponseBody();

        assertThat(second.get("job_id")).isEqualTo(first.get("job_id"));
        assertThat(second.get("pages")).isEqualTo(2);
        UUID jobId = UUID.fromString((String) first.get("job_id"));
        assertThat(submitted.await(m -> m.payload().jobId().equals(jobId), 1)).hasSize(1);
        assertThat(submitted.await(m -> key.equals(m.payload().options().idempotencyKey()), 1)).hasSize(1);
        Long rows = db.sql("SELECT count(*) AS n FROM api.submission WHERE idempotency_key = :key").bind("key", key)
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void onlyARequestWithAKeyIsFingerprintedAndTheSameRequestWithoutOneIsASecondJob() {
        UUID withKey = jobOf(send(tenant, form(tenant.number(), TO, document), key()));
        UUID first = jobOf(send(tenant, form(tenant.number(), TO, document), null));
        UUID second = jobOf(send(tenant, form(tenant.number(), TO, document), null));

        assertThat(second).isNotEqualTo(first);
        assertThat(requestHash(withKey)).matches("[0-9a-f]{64}");
        assertThat(requestHash(first)).as("nothing compares it: the files are not hashed").isNull();
        assertThat(requestHash(second)).isNull();
    }

    private static UUID jobOf(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        return UUID.fromString((String) response.expectStatus().isAccepted().expectBody(JSON).returnResult()
                .getResponseBody().get("job_id"));
    }

    private String requestHash(UUID jobId) {
        return db.sql("SELECT request_hash FROM api.submission WHERE job_id = :id").bind("id", jobId)
                .map(r -> java.util.Optional.ofNullable(r.get("request_hash", String.class))).one().block().orElse(null);
    }

    @Test
    void theSameKeyWithAnotherDocumentIs409() {
        String key = key();
        send(tenant, form(tenant.number(), TO, document), key).expectStatus().isAccepted();
        send(tenant, form(tenant.number(), TO, FaxFixtures.pdf(3)), key)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("different request"));
    }

    @Test
    void theSameKeyWithAnotherDestinationIs409() {
        String key = key();
        send(tenant, form(tenant.number(), TO, document), key).expectStatus().isAccepted();
        send(tenant, form(tenant.number(), "+12125550198", document), key).expectStatus().isEqualTo(409);
    }

    @Test
    void keysArePerTenant() {
        String key = key();
        TenantFixture other = aTenant();
        String mine = (String) send(tenant, form(tenant.number(), TO, document), key).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody().get("job_id");
        String theirs = (String) send(other, form(other.number(), TO, document), key).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody().get("job_id");
        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void withoutAKeyEveryRequestIsANewJob() {
        String first = (String) send(tenant, form(tenant.number(), TO, document), null).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody().get("job_id");
        String second = (String) send(tenant, form(tenant.number(), TO, document), null).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody().get("job_id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aMalformedKeyIs400() {
        send(tenant, form(tenant.number(), TO, document), "x".repeat(256))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }
}
