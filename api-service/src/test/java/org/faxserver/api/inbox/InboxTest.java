package org.faxserver.api.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.faxserver.api.ApiIntegrationTest;
import org.faxserver.api.retention.RetentionSweep;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The archive of received faxes: inbound.received in, inbox routes and retention out. */
class InboxTest extends ApiIntegrationTest {

    /** A tenant with one number and a user authenticated by API key. */
    record TenantFixture(long id, String number, WebTestClient client) {
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    @Qualifier("inboxRetention")
    RetentionSweep<?> retention;

    @Test
    void aReceivedFaxIsArchivedAsTiffPdfAndPngAndListedForItsTenantOnly() throws Exception {
        TenantFixture tenant = aTenant();
        TenantFixture other = aTenant();
        UUID callId = UUID.randomUUID();
        publish(received(callId, tenant, receivedTiff(callId, 2), true));

        Map<String, Object> fax = awaitInboxEntry(tenant, callId);
        assertThat(fax).containsEntry("callee", tenant.number()).containsEntry("caller", "+12125550123")
                .containsEntry("success", true).containsEntry("pages", 2).containsEntry("remote_csid", "REMOTE CSID")
                .containsEntry("documents_available", true);

        byte[] pdf = download(tenant, callId, "pdf", 200);
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        byte[] png = download(tenant, callId, "png", 200);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isPositive();
        assertThat(TestFaxDocuments.pageCount(write(download(tenant, callId, "tiff", 200)))).isEqualTo(2);
        download(tenant, callId, "gif", 400);

        other.client().get().uri("/fax/inbox/{id}", callId).exchange().expectStatus().isNotFound();
        download(other, callId, "pdf", 404);
        assertThat(inbox(other, "")).extracting(f -> f.get("id")).doesNotContain(callId.toString());
    }

    @Test
    void aRedeliveredMessageIsArchivedOnce() throws Exception {
        TenantFixture tenant = aTenant();
        UUID callId = UUID.randomUUID();
        InboundReceived received = received(callId, tenant, receivedTiff(callId, 1), true);
        publish(received);
        awaitInboxEntry(tenant, callId);
        publish(received);
        UUID marker = UUID.randomUUID();
        publish(received(marker, tenant, null, false));
        // Messages of one queue are handled in order: once the marker is there, the repeat was handled.
        awaitInboxEntry(tenant, marker);
        assertThat(inbox(tenant, "")).extracting(f -> f.get("id")).containsOnlyOnce(callId.toString());
    }

    @Test
    void aFailedReceptionIsListedWithoutDocumentsAndFiltersApply() {
        TenantFixture tenant = aTenant();
        UUID callId = UUID.randomUUID();
        publish(received(callId, tenant, null, false));

        Map<String, Object> fax = awaitInboxEntry(tenant, callId);
        assertThat(fax).containsEntry("success", false).containsEntry("documents_available", false)
                .containsEntry("result_code", 48);
        download(tenant, callId, "pdf", 404);
        assertThat(inbox(tenant, "?success=false")).extracting(f -> f.get("id")).contains(callId.toString());
        assertThat(inbox(tenant, "?success=true")).extracting(f -> f.get("id")).doesNotContain(callId.toString());
        assertThat(inbox(tenant, "?from=2125550123")).extracting(f -> f.get("id")).contains(callId.toString());
        tenant.client().get().uri("/fax/inbox?from=not-a-number").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
    }

    @Test
    void documentsOlderThanTheRetentionPeriodAreDeletedAndTheRecordStays() throws Exception {
        TenantFixture tenant = aTenant();
        UUID callId = UUID.randomUUID();
        DocumentRef tiff = receivedTiff(callId, 1);
        publish(received(callId, tenant, tiff, true));
        awaitInboxEntry(tenant, callId);
        db.sql("UPDATE api.received_fax SET received_at = now() - interval '400 days' WHERE call_id = :id")
                .bind("id", callId).then().block();

        assertThat(retention.sweep()).isPositive();

        assertThat(Files.exists(DOCUMENTS.resolve(tiff.key()))).isFalse();
        assertThat(Files.exists(DOCUMENTS.resolve("inbox/" + tenant.id() + "/" + callId + ".pdf"))).isFalse();
        Map<String, Object> fax = awaitInboxEntry(tenant, callId);
        assertThat(fax).containsEntry("documents_available", false);
        assertThat(fax.get("documents_purged_at")).isNotNull();
        download(tenant, callId, "pdf", 404);
    }

    @Test
    void aDocumentThatCannotBeRenderedIsArchivedAsTiffOnly() throws Exception {
        TenantFixture tenant = aTenant();
        UUID callId = UUID.randomUUID();
        String key = "received/" + callId + ".tif";
        Files.createDirectories(DOCUMENTS.resolve("received"));
        Files.write(DOCUMENTS.resolve(key), "II*\0 not really a TIFF".getBytes());
        publish(received(callId, tenant, DocumentRef.tiff(key), false));

        Map<String, Object> fax = awaitInboxEntry(tenant, callId);
        assertThat(fax).containsEntry("documents_available", true);
        download(tenant, callId, "pdf", 404);
        assertThat(download(tenant, callId, "tiff", 200)).startsWith("II*".getBytes());
    }

    @Test
    void aMessageThatCanNeverBeArchivedIsParkedAtOnce() throws Exception {
        TenantFixture tenant = aTenant();
        UUID callId = UUID.randomUUID();
        InboundReceived valid = received(callId, tenant, null, false);
        publish(new InboundReceived(callId, "not-a-tenant-id", valid.caller(), valid.callee(), null, null,
                valid.result(), valid.startedAt()));

        try (var connection = TestInfrastructure.get().rabbit().newConnection();
             var channel = connection.createChannel()) {
            String parked = await().atMost(Duration.ofSeconds(20)).until(() -> {
                var message = channel.basicGet(INBOX_QUEUE + ".parking", true);
                return message == null ? null : new String(message.getBody());
            }, body -> body != null && body.contains(callId.toString()));
            assertThat(parked).contains("not-a-tenant-id");
        }
        tenant.client().get().uri("/fax/inbox/{id}", callId).exchange().expectStatus().isNotFound();
    }

    private TenantFixture aTenant() {
        long tenant = createTenant();
        String number = uniqueE164();
        post("/admin/number", Map.of("tenant_id", tenant, "number", number));
        var user = post("/admin/user", Map.of("tenant_id", tenant, "username", "inbox" + unique(),
                "password", "tenant password 1"));
        return new TenantFixture(tenant, number, client.mutate().responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + user.get("api_key")).build());
    }

    private DocumentRef receivedTiff(UUID callId, int pages) throws Exception {
        String key = "received/" + callId + ".tif";
        Path file = DOCUMENTS.resolve(key);
        Files.createDirectories(file.getParent());
        TestFaxDocuments.create(file, pages);
        return DocumentRef.tiff(key);
    }

    private static InboundReceived received(UUID callId, TenantFixture tenant, DocumentRef document, boolean success) {
        int pages = document == null || !success ? 0 : TestFaxDocuments.pageCount(DOCUMENTS.resolve(document.key()));
        FaxResult result = new FaxResult(success, success ? 0 : 48, success ? "OK" : "Disconnected after permitted retries",
                pages, pages, HangupCause.NORMAL_CLEARING, "REMOTE CSID", "LOCAL", 14400, true, T38Status.OFF, 0, 1,
                List.of());
        return new InboundReceived(callId, String.valueOf(tenant.id()), PhoneNumber.ofE164("+12125550123"),
                PhoneNumber.ofE164(tenant.number()), "carrier", document, result, Instant.now());
    }

    private void publish(InboundReceived received) {
        byte[] body = MessageJson.write(Envelope.of(InboundReceived.TYPE, InboundReceived.VERSION,
                received.callId().toString(), received, Clock.systemUTC()));
        rabbit.send(Exchanges.FAX_EVENTS, RoutingKeys.INBOUND_RECEIVED, MessageBuilder.withBody(body)
                .setContentType("application/json").setDeliveryMode(MessageDeliveryMode.PERSISTENT).build());
    }

    private Map<String, Object> awaitInboxEntry(TenantFixture tenant, UUID callId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> tenant.client().get().uri("/fax/inbox/{id}", callId).exchange()
                        .returnResult(JSON).getResponseBody().blockFirst(), f -> f != null && callId.toString().equals(f.get("id")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inbox(TenantFixture tenant, String query) {
        Map<String, Object> page = tenant.client().get().uri("/fax/inbox" + query).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    private static byte[] download(TenantFixture tenant, UUID callId, String format, int status) {
        return tenant.client().get().uri("/fax/inbox/{id}/document?format={f}", callId, format).exchange()
                .expectStatus().isEqualTo(status).expectBody(byte[].class).returnResult().getResponseBody();
    }

    private static Path write(byte[] bytes) throws Exception {
        Path file = Files.createTempFile("inbox-test-", ".tif");
        file.toFile().deleteOnExit();
        return Files.write(file, bytes);
    }
}
