package org.faxserver.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.faxserver.api.auth.model.ApiKeys;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class UserAdminApiTest extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    private Map<String, Object> createUser(long tenant, String username) {
        return post("/admin/user", Map.of("tenant_id", tenant, "username", username, "password", PASSWORD));
    }

    @Test
    void createReturnsTheApiKeyOnceAndNeverAPassword() {
        long tenant = createTenant();
        var created = createUser(tenant, "alice" + unique());
        assertThat((String) created.get("api_key")).startsWith("fsk_").hasSizeGreaterThan(40);
        assertThat(created).doesNotContainKeys("password", "password_hash", "api_key_hash");

        var fetched = admin().get().uri("/admin/user/{id}", id(created)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(fetched).doesNotContainKeys("api_key", "password", "password_hash", "api_key_hash")
                .containsEntry("username", created.get("username"));
        String listed = admin().get().uri("/admin/user?tenant_id={t}", tenant).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).doesNotContain((String) created.get("api_key")).doesNotContain(PASSWORD)
                .doesNotContain("$2a$");
    }

    @Test
    void theDatabaseHoldsOnlyHashesOfPasswordAndApiKey() {
        var created = createUser(createTenant(), "hashcheck" + unique());
        String apiKey = (String) created.get("api_key");
        // Every column of the row, as text: neither secret may appear in clear anywhere.
        String row = db.sql("SELECT t::text AS row FROM directory.tenant_user t WHERE id = :id")
                .bind("id", id(created)).map(r -> r.get("row", String.class)).one().block();
        assertThat(row).doesNotContain(PASSWORD).doesNotContain(apiKey);
        var hashes = db.sql("SELECT password_hash, api_key_hash FROM directory.tenant_user WHERE id = :id")
                .bind("id", id(created))
                .map(r -> List.of(r.get("password_hash", String.class), r.get("api_key_hash", String.class)))
                .one().block();
        assertThat(hashes.get(0)).startsWith("$2");
        assertThat(hashes.get(1)).isEqualTo(ApiKeys.hash(apiKey));
        String outbox = db.sql("SELECT string_agg(payload, ' ') AS p FROM api.outbox")
                .map(r -> r.get("p", String.class)).one().block();
        assertThat(outbox).doesNotContain(PASSWORD).doesNotContain(apiKey);
    }

    @Test
    void putUpdatesTheUserInPlaceInsteadOfCreatingADuplicate() {
        long tenant = createTenant();
        var created = createUser(tenant, "bob" + unique());
        String renamed = "robert" + unique();
        admin().put().uri("/admin/user/{id}", id(created)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "username", renamed, "password", "a new password"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id(created)).jsonPath("$.username").isEqualTo(renamed)
                .jsonPath("$.api_key").doesNotExist();
        admin().get().uri("/admin/user?tenant_id={t}", tenant).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(1);
        // The new password works, the old one no longer does.
        client.get().uri("/tenant/me").header(HttpHeaders.AUTHORIZATION, basic(renamed, "a new password"))
                .exchange().expectStatus().isOk();
        client.get().uri("/tenant/me").header(HttpHeaders.AUTHORIZATION, basic(renamed, PASSWORD))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aNewPasswordOrTenantRevokesTheApiKey() {
        long tenant = createTenant();
        var created = createUser(tenant, "rev" + unique());
        String username = (String) created.get("username");
        String key = (String) created.get("api_key");
        // Renaming alone keeps the key.
        admin().put().uri("/admin/user/{id}", id(created)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "username", username)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.api_key_created_at").isNotEmpty();
        me("Bearer " + key).expectStatus().isOk();

        admin().put().uri("/admin/user/{id}", id(created)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "username", username, "password", "another password"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.api_key_created_at").isEmpty();
        me("Bearer " + key).expectStatus().isUnauthorized();

        // A fresh key, then a move to another tenant revokes it too.
        String fresh = (String) client.post().uri("/tenant/user/authenticate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "another password")).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("api_key");
        me("Bearer " + fresh).expectStatus().isOk();
        long other = createTenant();
        admin().put().uri("/admin/user/{id}", id(created)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", other, "username", username)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.api_key_created_at").isEmpty();
        me("Bearer " + fresh).expectStatus().isUnauthorized();
        var row = db.sql("SELECT api_key_hash FROM directory.tenant_user WHERE id = :id").bind("id", id(created))
                .fetch().one().block();
        assertThat(row.get("api_key_hash")).isNull();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String authorization) {
        return client.get().uri("/tenant/me").header(HttpHeaders.AUTHORIZATION, authorization).exchange();
    }

    @Test
    void putWithoutPasswordKeepsThePassword() {
        long tenant = createTenant();
        var created = createUser(tenant, "keep" + unique());
        admin().put().uri("/admin/user/{id}", id(created)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "username", created.get("username"))).exchange()
                .expectStatus().isOk();
        client.get().uri("/tenant/me").header(HttpHeaders.AUTHORIZATION, basic((String) created.get("username"), PASSWORD))
                .exchange().expectStatus().isOk();
        admin().put().uri("/admin/user/{id}", 999_999_997).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", tenant, "username", "nobody" + unique())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void duplicateUsernameIs409IgnoringCase() {
        long tenant = createTenant();
        String name = "carol" + unique();
        createUser(tenant, name);
        admin().post().uri("/admin/user").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", createTenant(), "username", name.toUpperCase(), "password", PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("username"));
    }

    @Test
    void invalidUserIs400NamingEachField() {
        admin().post().uri("/admin/user").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "a b", "password", "short")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'tenant_id')]").exists()
                .jsonPath("$.errors[?(@.field == 'username')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists();
    }

    @Test
    void userOfAnUnknownTenantIs400() {
        admin().post().uri("/admin/user").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant_id", 923_456_789, "username", "orphan" + unique(), "password", PASSWORD))
                .exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("tenant_id");
    }

    @Test
    void deleteIs204ThenTheUserCannotLogIn() {
        var created = createUser(createTenant(), "dave" + unique());
        admin().delete().uri("/admin/user/{id}", id(created)).exchange().expectStatus().isNoContent();
        admin().get().uri("/admin/user/{id}", id(created)).exchange().expectStatus().isNotFound();
        admin().delete().uri("/admin/user/{id}", id(created)).exchange().expectStatus().isNotFound();
        client.get().uri("/tenant/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + created.get("api_key"))
                .exchange().expectStatus().isUnauthorized();
    }
}
