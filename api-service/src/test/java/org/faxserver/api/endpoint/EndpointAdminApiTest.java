package org.faxserver.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class EndpointAdminApiTest extends ApiIntegrationTest {

    private static Map<String, Object> gateway(String name) {
        return Map.of("name", name, "allowed_sources", List.of("203.0.113.7", "198.51.100.0/24"),
                "t38_policy", "REQUEST", "max_concurrent_calls", 10);
    }

    @Test
    void aGlobalGatewayIsCreatedWithTypedFields() {
        // The seed stored global endpoints and then answered 500.
        var body = post("/admin/endpoint", Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", 10,
                "gateway", gateway("carrier-" + unique())));
        assertThat(body).containsEntry("scope", "GLOBAL").containsEntry("type", "GATEWAY")
                .containsEntry("enabled", true).containsEntry("source_only", false).containsEntry("last_resort", false);
        @SuppressWarnings("unchecked")
        var gw = (Map<String, Object>) body.get("gateway");
        assertThat(gw.get("allowed_sources")).isEqualTo(List.of("203.0.113.7/32", "198.51.100.0/24"));
        assertThat(gw).containsEntry("t38_policy", "REQUEST").containsEntry("max_concurrent_calls", 10);
    }

    @Test
    void aSourceOnlyGatewayReplacesTheSeedsPriority666() {
        long tenant = createTenant();
        var body = post("/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant, "type", "GATEWAY",
                "priority", 0, "source_only", true, "gateway", gateway("pbx-" + unique())));
        assertThat(body).containsEntry("source_only", true).containsEntry("tenant_id", (int) tenant);
    }

    @Test
    void theWebhookSigningSecretIsNeverReturned() {
        long tenant = createTenant();
        String secret = "s3cret-signing-key-" + unique();
        var body = post("/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant, "type", "WEBHOOK",
                "priority", 1, "last_resort", true,
                "webhook", Map.of("url", "https://hooks.example.test/fax", "signing_secret", secret)));
        assertThat(body.toString()).doesNotContain(secret);
        assertThat(body).containsEntry("last_resort", true);
        String fetched = admin().get().uri("/admin/endpoint/{id}", id(body)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(fetched).doesNotContain(secret).contains("\"signing_secret_set\":true");
    }

    @Test
    void aNumberScopedEmailEndpointTakesTheNumbersTenant() {
        long tenant = createTenant();
        long number = createNumber(tenant);
        var body = post("/admin/endpoint", Map.of("scope", "NUMBER", "number_id", number, "type", "EMAIL",
                "priority", 2, "email", Map.of("addresses", List.of("fax@acme.test", "boss@acme.test"))));
        assertThat(body).containsEntry("number_id", (int) number).containsEntry("tenant_id", (int) tenant);
    }

    @Test
    void invalidEndpointsAre400NamingEachField() {
        admin().post().uri("/admin/endpoint").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "TENANT", "type", "WEBHOOK", "priority", -1, "source_only", true,
                        "gateway", gateway("x"),
                        "webhook", Map.of("url", "ftp://nope", "signing_secret", "short")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'tenant_id')]").exists()
                .jsonPath("$.errors[?(@.field == 'priority')]").exists()
                .jsonPath("$.errors[?(@.field == 'source_only')]").exists()
                .jsonPath("$.errors[?(@.field == 'gateway')]").exists()
                .jsonPath("$.errors[?(@.field == 'webhook.url')]").exists()
                .jsonPath("$.errors[?(@.field == 'webhook.signing_secret')]").exists();
    }

    @Test
    void badGatewayFieldsAre400() {
        admin().post().uri("/admin/endpoint").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", 1,
                        "gateway", Map.of("name", "gw/evil", "allowed_sources", List.of("10.0.0.1", "example.com")),
                        "t38_policy", "ACCEPT"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("t38_policy");
        admin().post().uri("/admin/endpoint").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", 1,
                        "gateway", Map.of("name", "gw/evil", "allowed_sources", List.of("10.0.0.1", "example.com"))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'gateway.name')]").exists()
                .jsonPath("$.errors[?(@.field == 'gateway.allowed_sources[1]')]").exists();
    }

    @Test
    void anUnknownNumberIs400NamingNumberId() {
        admin().post().uri("/admin/endpoint").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "NUMBER", "number_id", 934_567_890, "type", "EMAIL", "priority", 1,
                        "email", Map.of("addresses", List.of("a@b.test"))))
                .exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("number_id");
    }

    @Test
    void updateGetListAndDelete() {
        long tenant = createTenant();
        long id = id(post("/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant, "type", "EMAIL",
                "priority", 5, "email", Map.of("addresses", List.of("a@acme.test")))));
        admin().put().uri("/admin/endpoint/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "TENANT", "tenant_id", tenant, "type", "GATEWAY", "priority", 7,
                        "enabled", false, "gateway", gateway("pbx-" + unique())))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.type").isEqualTo("GATEWAY")
                .jsonPath("$.enabled").isEqualTo(false).jsonPath("$.email").isEmpty();
        admin().get().uri("/admin/endpoint?tenant_id={t}&scope=TENANT", tenant).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].priority").isEqualTo(7);
        admin().delete().uri("/admin/endpoint/{id}", id).exchange().expectStatus().isNoContent();
        admin().get().uri("/admin/endpoint/{id}", id).exchange().expectStatus().isNotFound();
        admin().delete().uri("/admin/endpoint/{id}", id).exchange().expectStatus().isNotFound();
        admin().put().uri("/admin/endpoint/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", 7, "gateway", gateway("g")))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aNumberScopedEndpointFollowsItsNumberToAnotherTenant() {
        long first = createTenant();
        long number = createNumber(first);
        long endpoint = id(post("/admin/endpoint", Map.of("scope", "NUMBER", "number_id", number, "type", "EMAIL",
                "priority", 1, "email", Map.of("addresses", List.of("a@acme.test")))));
        long second = createTenant();
        String e164 = (String) admin().get().uri("/admin/number/{id}", number).exchange()
                .expectBody(JSON).returnResult().getResponseBody().get("number");
        admin().put().uri("/admin/number/{id}", number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", second, "number", e164)).exchange().expectStatus().isOk();
        admin().get().uri("/admin/endpoint/{id}", endpoint).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.tenant_id").isEqualTo(second);
    }
}
