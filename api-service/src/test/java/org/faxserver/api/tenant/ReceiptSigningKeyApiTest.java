package org.faxserver.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.model.delivery.ReceiptSigningKeys;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class ReceiptSigningKeyApiTest extends ApiIntegrationTest {

    private String apiKeyOfANewUser(long tenant) {
        var created = post("/admin/user", Map.of("tenant_id", tenant, "username", "user" + unique(),
                "password", "tenant password 1"));
        return (String) created.get("api_key");
    }

    private Map<String, Object> ownKey(String apiKey) {
        return client.get().uri("/tenant/receipt-signing-key")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void eachTenantSeesItsOwnKeyTheOneNotifierSignsItsReceiptsWith() {
        long first = createTenant();
        long second = createTenant();

        Map<String, Object> firstKey = ownKey(apiKeyOfANewUser(first));
        Map<String, Object> secondKey = ownKey(apiKeyOfANewUser(second));

        assertThat(firstKey).containsEntry("signing_key", ReceiptSigningKeys.forTenant(RECEIPT_SIGNING_SECRET,
                Long.toString(first))).containsEntry("signature_header", "X-Fax-Signature");
        assertThat(((Number) firstKey.get("tenant_id")).longValue()).isEqualTo(first);
        assertThat(secondKey.get("signing_key")).isNotEqualTo(firstKey.get("signing_key"))
                .isNotEqualTo(RECEIPT_SIGNING_SECRET);
    }

    @Test
    void anAdminReadsAnyExistingTenantsKeyAndAnUnknownTenantIs404() {
        long tenant = createTenant();

        admin().get().uri("/admin/tenant/{id}/receipt-signing-key", tenant).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.signing_key")
                .isEqualTo(ReceiptSigningKeys.forTenant(RECEIPT_SIGNING_SECRET, Long.toString(tenant)));
        admin().get().uri("/admin/tenant/{id}/receipt-signing-key", 987_654_322).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("tenant 987654322"));
    }

    @Test
    void aServerThatDoesNotSignReceiptsHasNoKeyToShow() {
        var controller = new ReceiptSigningKeyController(new ReceiptSigningProperties(""), null);

        assertThatThrownBy(() -> controller.own(new TenantPrincipal(1, 1, "u")).block())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("not signed");
    }
}
