package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.faxserver.document.TiffInfo;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;

class FaxSendTest extends FaxApiTest {
    private static final String TO = "+12125550199";

    @Autowired
    DocumentStore store;

    private TenantFixture tenant;
    private BrokerMessages<JobSubmitted> submitted;

    @BeforeEach
    void setUp() throws Exception {
        tenant = aTenant();
        submitted = new BrokerMessages<>(Exchanges.FAX_EVENTS, RoutingKeys.JOB_SUBMITTED, JobSubmitted.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        submitted.close();
    }

    private Map<String, Object> accepted(MultipartBodyBuilder form) {
        return send(tenant, form, null).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void aThreePagePdfBecomesAJobOfThreePagesAnnouncedOnceOnTheBroker() throws Exception {
        var result = send(tenant, form(tenant.number(), TO, FaxFixtures.pdf(3)), null)
                .expectStatus().isAccepted()
                .expectBody(JSON).returnResult();
        Map<String, Object> body = result.getResponseBody();
        UUID jobId = UUID.fromString((String) body.get("job_id"));
        assertThat(body).containsEntry("status", "SUBMITTED").containsEntry("pages", 3);
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/fax/jobs/" + jobId);

        var messages = submitted.await(m -> m.payload().jobId().equals(jobId), 1);
        assertThat(messages).hasSize(1);
        JobSubmitted job = messages.get(0).payload();
        assertThat(messages.get(0).correlationId()).isEqualTo(jobId.toString());
        assertThat(job.tenantId()).isEqualTo(String.valueOf(tenant.id()));
        assertThat(job.from().e164()).isEqualTo(tenant.number());
        assertThat(job.to().e164()).isEqualTo(TO);
        assertThat(job.pages()).isEqualTo(3);
        assertThat(job.document().key()).as("a directory per day, not per job")
                .matches("jobs/\\d{4}/\\d{2}/\\d{2}/" + jobId + "\\.tif");
        assertThat(job.document().mediaType()).isEqualTo("image/tiff");

        try (var tiff = store.open(job.document().key())) {
            assertThat(TiffInfo.read(tiff.readAllBytes()).pageCount()).isEqualTo(3);
        }
        // The PDF as sent is rendered when asked for (FaxJobsTest), not written with every submission.
        try (Stream<java.nio.file.Path> files = Files.list(store.path(job.document().key()).orElseThrow().getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith(jobId.toString())))
                    .containsExactly(jobId + ".tif");
        }
    }

    @Test
    void aPngIsOneFaxPage() {
        assertThat(accepted(form(tenant.number(), TO, FaxFixtures.png()))).containsEntry("pages", 1);
    }

    @Test
    void aTiffIsAccepted() {
        assertThat(accepted(form(tenant.number(), TO, FaxFixtures.tiff()))).containsEntry("pages", 1);
    }

    @Test
    void severalFilesBecomeOneFaxWithTheirPagesInOrder() throws Exception {
        Map<String, Object> body = accepted(form(tenant.number(), TO, FaxFixtures.pdf(2), FaxFixtures.png()));
        assertThat(body).containsEntry("pages", 3);
        UUID jobId = UUID.fromString((String) body.get("job_id"));
        assertThat(submitted.await(m -> m.payload().jobId().equals(jobId), 1))
                .singleElement().satisfies(m -> assertThat(m.payload().pages()).isEqualTo(3));
    }

    @Test
    void theSeedsFieldNamesAndNationalNumbersAreAccepted() {
        var form = form(null, null, FaxFixtures.pdf(1));
        form.part("caller_number", tenant.number().substring(2)); // national form, default region US
        form.part("callee_number", "(212) 555-0199");
        Map<String, Object> body = send(tenant, form, null).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody();
        tenant.client().get().uri("/fax/jobs/{id}", body.get("job_id")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.to").isEqualTo(TO).jsonPath("$.from").isEqualTo(tenant.number());
    }

    @Test
    void headerIdentAndLabelsTravelWithTheJob() throws Exception {
        var form = form(tenant.number(), TO, FaxFixtures.pdf(1));
        form.part("header", "ACME Billing");
        form.part("ident", "+1 212 555 0100");
        form.part("labels", "{\"invoice\":\"4711\"}");
        form.part("label", "dept=billing");
        Map<String, Object> body = send(tenant, form, null).expectStatus().isAccepted()
                .expectBody(JSON).returnResult().getResponseBody();
        UUID jobId = UUID.fromString((String) body.get("job_id"));
        var options = submitted.await(m -> m.payload().jobId().equals(jobId), 1).get(0).payload().options();
        assertThat(options.header()).isEqualTo("ACME Billing");
        assertThat(options.ident()).isEqualTo("+1 212 555 0100");
        assertThat(options.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("invoice", "4711", "dept", "billing"));
        tenant.client().get().uri("/fax/jobs/{id}", jobId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.labels.invoice").isEqualTo("4711")
                .jsonPath("$.header").isEqualTo("ACME Billing");
    }

    @Test
    void aCorruptPdfIs422WithItsReason() {
        send(tenant, form(tenant.number(), TO, FaxFixtures.corruptPdf()), null)
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("CORRUPT").jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void anEncryptedPdfIs422() {
        send(tenant, form(tenant.number(), TO, FaxFixtures.encryptedPdf()), null)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("ENCRYPTED");
    }

    @Test
    void anEmptyFileIs422() {
        send(tenant, form(tenant.number(), TO, new byte[0]), null)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("EMPTY");
    }

    @Test
    void aFileOfAnotherTypeIs422EvenWithAPdfName() {
        var form = form(tenant.number(), TO);
        form.part("file", "just some text".getBytes()).filename("invoice.pdf").contentType(MediaType.APPLICATION_PDF);
        send(tenant, form, null)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("UNSUPPORTED_TYPE");
    }

    @Test
    void moreThanTheMaximumPagesIs413() {
        // Test configuration: at most 5 pages.
        send(tenant, form(tenant.number(), TO, FaxFixtures.pdf(6)), null)
                .expectStatus().isEqualTo(413).expectBody().jsonPath("$.reason").isEqualTo("TOO_MANY_PAGES");
    }

    @Test
    void moreThanTheMaximumFilesIs413() {
        // Test configuration: at most 3 files.
        byte[] page = FaxFixtures.pdf(1);
        send(tenant, form(tenant.number(), TO, page, page, page, page), null)
                .expectStatus().isEqualTo(413).expectBody().jsonPath("$.reason").isEqualTo("TOO_MANY_FILES");
    }

    @Test
    void anUploadOverTheByteLimitIs413() {
        // Test configuration: 2 MB of files (plus 1 MB for the form around them).
        byte[] big = new byte[3_500_000];
        big[0] = '%';
        send(tenant, form(tenant.number(), TO, big), null).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.reason").isEqualTo("TOO_LARGE");
    }

    @Test
    void aSenderNumberOfAnotherTenantIs422NamingTheFieldAndLeavesNoDocument() throws Exception {
        TenantFixture other = aTenant();
        long storedBefore = storedDocuments();
        send(tenant, form(other.number(), TO, FaxFixtures.pdf(1)), null)
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("not a number of your tenant"));
        // The number is checked where the submission is recorded, after the conversion: its document is removed.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (storedDocuments() > storedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(storedDocuments()).isEqualTo(storedBefore);
    }

    @Test
    void anInvalidDestinationIs422NamingTheFieldAndTheReason() {
        send(tenant, form(tenant.number(), "1-800-FLOWERS", FaxFixtures.pdf(1)), null)
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("to")
                .jsonPath("$.errors[0].message").isEqualTo("is not a valid phone number: contains letters");
    }

    @Test
    void missingFieldsAre400() {
        var form = form(null, null);
        form.part("header", "only a header");
        send(tenant, form, null)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'from')]").exists()
                .jsonPath("$.errors[?(@.field == 'to')]").exists()
                .jsonPath("$.errors[?(@.field == 'file')]").exists();
    }

    @Test
    void anUnknownFieldIs400() {
        var form = form(tenant.number(), TO, FaxFixtures.pdf(1));
        form.part("priority", "high");
        send(tenant, form, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("priority");
    }

    @Test
    void aJsonBodyIs415() {
        tenant.client().post().uri("/fax/send").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", tenant.number(), "to", TO)).exchange()
                .expectStatus().isEqualTo(415);
    }

    @Test
    void withoutCredentialsItIs401() {
        client.post().uri("/fax/send").contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(form(tenant.number(), TO, FaxFixtures.pdf(1)).build()).exchange()
                .expectStatus().isUnauthorized().expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void uploadTempFilesAreDeletedAfterSuccessAndRejection() throws Exception {
        sendPdf(tenant, 1);
        send(tenant, form(tenant.number(), TO, FaxFixtures.corruptPdf()), null).expectStatus().isEqualTo(422);
        send(tenant, form(tenant.number(), "bad", FaxFixtures.pdf(1)), null).expectStatus().isEqualTo(422);
        // Clean-up may finish just after the answer was written.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (leftovers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(leftovers()).isZero();
    }

    private static long storedDocuments() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(DOCUMENTS)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long leftovers() throws IOException {
        try (Stream<java.nio.file.Path> left = Files.list(UPLOADS)) {
            return left.count();
        }
    }
    @Test
    void aTruncatedUploadIsA400AndNotLoggedAsAServerError() throws Exception {
        var user = post("/admin/user", Map.of("tenant_id", tenant.id(), "username", "fax" + unique(),
                "password", "tenant password 1"));
        byte[] body = ("--XYZ\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\n" + tenant.number()
                + "\r\n--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 and then the upload stops")
                .getBytes(StandardCharsets.US_ASCII);
        String head = "POST /fax/send HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.get("api_key")
                + "\r\nContent-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(env.getProperty("local.server.port")))) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
            Thread.sleep(1000); // a dropped error comes after the answer, if at all
            assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR
                    && e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getClassName()
                            + e.getThrowableProxy().getMessage()).contains("Decoding"));
        } finally {
            root.detachAppender(logged);
        }
    }
}
