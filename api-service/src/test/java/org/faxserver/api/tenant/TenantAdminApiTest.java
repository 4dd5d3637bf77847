package org.faxserver.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class TenantAdminApiTest extends ApiIntegrationTest {

    @Test
    void createReturns201WithLocationAndTheTenant() {
        admin().post().uri("/admin/tenant").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Acme Fax", "notify", "email_report->ops@acme.test"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/admin/tenant/\\d+")
                .expectBody()
                .jsonPath("$.id").isNumber()
                .jsonPath("$.name").isEqualTo("Acme Fax")
                .jsonPath("$.notify").isEqualTo("email_report->ops@acme.test")
                .jsonPath("$.created_at").isNotEmpty();
    }

    @Test
    void getReturnsTheTenantAndUnknownIdIs404() {
        long id = createTenant();
        admin().get().uri("/admin/tenant/{id}", id).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
        admin().get().uri("/admin/tenant/{id}", 987_654_321).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.detail").value(d ->
                        assertThat((String) d).contains("987654321"));
    }

    @Test
    void listPagesThroughTenants() {
        createTenant();
        createTenant();
        createTenant();
        var page = admin().get().uri("/admin/tenant?page=1&size=2").exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(page).containsEntry("page", 1).containsEntry("size", 2);
        assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat((List<?>) page.get("items")).hasSizeBetween(1, 2);
    }

    @Test
    void pageSizeAboveTheLimitIs400NamingSize() {
        admin().get().uri("/admin/tenant?size=101").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void updateReplacesTheTenant() {
        long id = createTenant();
        admin().put().uri("/admin/tenant/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Renamed")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Renamed")
                .jsonPath("$.notify").doesNotExist();
        admin().get().uri("/admin/tenant/{id}", id).exchange()
                .expectBody().jsonPath("$.name").isEqualTo("Renamed");
    }

    @Test
    void updateOfUnknownTenantIs404AndCreatesNothing() {
        // The seed's gorm Save turned this into an insert.
        admin().put().uri("/admin/tenant/{id}", 887_766_554).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ghost")).exchange()
                .expectStatus().isNotFound();
        Long count = db.sql("SELECT count(*) AS n FROM directory.tenant WHERE name = 'Ghost'")
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(count).isZero();
    }

    @Test
    void invalidTenantIs400NamingEachField() {
        admin().post().uri("/admin/tenant").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " ", "notify", "email_report")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'name')]").exists()
                .jsonPath("$.errors[?(@.field == 'notify')]").exists();
    }

    @Test
    void deleteReturns204AndTheTenantIsGone() {
        long id = createTenant();
        admin().delete().uri("/admin/tenant/{id}", id).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();
        admin().get().uri("/admin/tenant/{id}", id).exchange().expectStatus().isNotFound();
        admin().delete().uri("/admin/tenant/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void deletingATenantThatStillHasNumbersIs409SayingSo() {
        long id = createTenant();
        createNumber(id);
        admin().delete().uri("/admin/tenant/{id}", id).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("number"));
        admin().get().uri("/admin/tenant/{id}", id).exchange().expectStatus().isOk();
    }
}
