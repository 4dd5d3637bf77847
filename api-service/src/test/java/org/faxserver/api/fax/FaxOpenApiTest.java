package org.faxserver.api.fax;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

class FaxOpenApiTest extends ApiIntegrationTest {

    @Test
    void theFaxRoutesAreDocumentedWithTheMultipartForm() {
        // Generating the document the first time is slow on a loaded machine.
        client.mutate().responseTimeout(java.time.Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/fax/send'].post.requestBody.content['multipart/form-data'].schema['$ref']")
                .isEqualTo("#/components/schemas/FaxSendForm")
                .jsonPath("$.components.schemas.FaxSendForm.properties.file.items.format").isEqualTo("binary")
                .jsonPath("$.components.schemas.FaxSendForm.properties.from").exists()
                .jsonPath("$.paths['/fax/send'].post.parameters[?(@.name == 'Idempotency-Key')]").exists()
                .jsonPath("$.paths['/fax/send'].post.responses['202']").exists()
                .jsonPath("$.paths['/fax/send'].post.responses['413'].content['application/problem+json']").exists()
                .jsonPath("$.paths['/fax/send'].post.responses['422'].content['application/problem+json']").exists()
                .jsonPath("$.paths['/fax/send'].post.security[0].tenantBasic").exists()
                .jsonPath("$.paths['/fax/jobs'].get.parameters[?(@.name == 'created_after')]").exists()
                .jsonPath("$.paths['/fax/jobs/{id}'].get.responses['404']").exists()
                .jsonPath("$.paths['/fax/status'].get").exists()
                .jsonPath("$.paths['/fax/jobs/{id}/document'].get.responses['200'].content['application/pdf']").exists()
                .jsonPath("$.paths['/fax/jobs/{id}/cancel'].post.responses['409']").exists()
                .jsonPath("$.paths['/fax/jobs/{id}/events'].get.responses['200'].content['text/event-stream']").exists()
                .jsonPath("$.components.schemas.FaxJob.properties.attempts").exists();
    }
}
