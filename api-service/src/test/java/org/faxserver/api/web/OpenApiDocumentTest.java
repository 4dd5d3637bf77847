package org.faxserver.api.web;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest extends ApiIntegrationTest {

    @Test
    void theDocumentIsPublicAndDescribesRoutesAndSecuritySchemes() {
        // The first request builds the document by scanning every controller: slow on a busy machine.
        client.mutate().responseTimeout(java.time.Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/admin/tenant'].post.responses['201']").exists()
                .jsonPath("$.paths['/admin/tenant/{id}'].delete.responses['204']").exists()
                .jsonPath("$.paths['/admin/tenant/{id}'].delete.responses['409']").exists()
                .jsonPath("$.paths['/admin/number'].post.responses['400'].content['application/problem+json']").exists()
                .jsonPath("$.paths['/admin/user/{id}'].put").exists()
                .jsonPath("$.paths['/admin/reload'].post").exists()
                .jsonPath("$.paths['/admin/reload'].get").doesNotExist()
                .jsonPath("$.paths['/admin/fallback'].get").exists()
                .jsonPath("$.paths['/admin/fallback'].post.responses['202']").exists()
                .jsonPath("$.paths['/admin/fallback/{number}'].delete.responses['202']").exists()
                .jsonPath("$.paths['/admin/override'].get").exists()
                .jsonPath("$.paths['/admin/override'].put.responses['202']").exists()
                .jsonPath("$.paths['/admin/override'].post").exists()
                .jsonPath("$.paths['/admin/override/{destination}/{variable}'].delete.responses['202']").exists()
                .jsonPath("$.paths['/admin/override'].put.security[0].adminBasic").exists()
                .jsonPath("$.components.schemas.OverrideRequest.properties.variable").exists()
                .jsonPath("$.paths['/tenant/user/authenticate'].post").exists()
                .jsonPath("$.paths['/tenant/receipt-signing-key'].get.security[0].tenantBasic").exists()
                .jsonPath("$.paths['/tenant/receipt-signing-key'].get.responses['404']").exists()
                .jsonPath("$.paths['/admin/tenant/{id}/receipt-signing-key'].get.security[0].adminBasic").exists()
                .jsonPath("$.paths['/admin/tenant/{id}/receipt-signing-key'].get.responses['404']").exists()
                .jsonPath("$.components.securitySchemes.adminBasic.scheme").isEqualTo("basic")
                .jsonPath("$.components.securitySchemes.adminBearer.scheme").isEqualTo("bearer")
                .jsonPath("$.components.securitySchemes.tenantBasic.scheme").isEqualTo("basic")
                .jsonPath("$.components.securitySchemes.tenantBearer.scheme").isEqualTo("bearer")
                .jsonPath("$.paths['/admin/tenant'].get.security[0].adminBasic").exists()
                .jsonPath("$.paths['/tenant/me'].get.security[1].tenantBearer").exists()
                // Schemas use the same snake_case names as the JSON on the wire.
                .jsonPath("$.components.schemas.NumberRequest.properties.tenant_id").exists();
    }

    @Test
    void swaggerUiIsServed() {
        client.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> org.assertj.core.api.Assertions.assertThat(html).contains("swagger"));
    }
}
