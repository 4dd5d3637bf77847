package org.faxserver.api.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class NumberAdminApiTest extends ApiIntegrationTest {

    @Test
    void createStoresTheNumberInE164() {
        long tenant = createTenant();
        String national = uniqueNationalNumber();
        String pretty = "(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6);
        var body = post("/admin/number", Map.of("tenant_id", tenant, "number", pretty, "caller_id_name", "Acme",
                "page_header", "Acme Inc.", "ident", "+1 212 555 0000", "notify", "email_report->a@acme.test"));
        assertThat(body).containsEntry("number", "+1" + national).containsEntry("tenant_id", (int) tenant)
                .containsEntry("caller_id_name", "Acme").containsEntry("page_header", "Acme Inc.")
                .containsEntry("ident", "+1 212 555 0000").containsEntry("notify", "email_report->a@acme.test");
    }

    @Test
    void theSameNumberInAnotherFormatIs409() {
        long tenant = createTenant();
        String national = uniqueNationalNumber();
        post("/admin/number", Map.of("tenant_id", tenant, "number", national));
        admin().post().uri("/admin/number").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", createTenant(), "number", "+1 " + national)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("already exists"));
    }

    @Test
    void invalidFieldsAre400NamingEachField() {
        Map<String, Object> body = new HashMap<>();
        body.put("number", "1-800-FLOWERS");
        body.put("ident", "x".repeat(21));
        body.put("caller_id_name", "bad\nname");
        admin().post().uri("/admin/number").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'tenant_id')]").exists()
                .jsonPath("$.errors[?(@.field == 'number')]").exists()
                .jsonPath("$.errors[?(@.field == 'ident')]").exists()
                .jsonPath("$.errors[?(@.field == 'caller_id_name')]").exists();
    }

    @Test
    void anUnknownTenantIs400NamingTenantId() {
        admin().post().uri("/admin/number").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", 912_345_678, "number", uniqueE164())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenant_id");
    }

    @Test
    void updateChangesTheNumberInPlace() {
        long tenant = createTenant();
        long id = createNumber(tenant);
        String replacement = uniqueE164();
        admin().put().uri("/admin/number/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "number", replacement, "ident", "NEW")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.number").isEqualTo(replacement)
                .jsonPath("$.ident").isEqualTo("NEW");
        admin().put().uri("/admin/number/{id}", 999_999_999).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "number", uniqueE164())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void getAndListByTenant() {
        long tenant = createTenant();
        long id = createNumber(tenant);
        createNumber(tenant);
        admin().get().uri("/admin/number/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.tenant_id").isEqualTo(tenant);
        var page = admin().get().uri("/admin/number?tenant_id={t}", tenant).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(page.get("total")).isEqualTo(2);
        assertThat((List<?>) page.get("items")).hasSize(2);
        admin().get().uri("/admin/number/{id}", 999_999_998).exchange().expectStatus().isNotFound();
    }

    @Test
    void deleteByIdIs204ThenMissingIs404() {
        long id = createNumber(createTenant());
        admin().delete().uri("/admin/number/{id}", id).exchange().expectStatus().isNoContent();
        admin().get().uri("/admin/number/{id}", id).exchange().expectStatus().isNotFound();
        admin().delete().uri("/admin/number/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void seedStyleDeleteByNumberAndTenantOnlyDeletesThatTenantsNumber() {
        long tenant = createTenant();
        String national = uniqueNationalNumber();
        long id = id(post("/admin/number", Map.of("tenant_id", tenant, "number", national)));
        admin().delete().uri("/admin/number?number={n}&tenant_id={t}", national, createTenant()).exchange()
                .expectStatus().isNotFound();
        admin().delete().uri("/admin/number?number={n}&tenant_id={t}", "+1" + national, tenant).exchange()
                .expectStatus().isNoContent();
        admin().get().uri("/admin/number/{id}", id).exchange().expectStatus().isNotFound();
    }
}
