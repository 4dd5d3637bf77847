package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class TenantAuthTest extends ApiIntegrationTest {
    private static final String PASSWORD = "tenant password 1";

    private long tenant;
    private long userId;
    private String username;
    private String apiKey;

    @BeforeEach
    void user() {
        tenant = createTenant();
        username = "user" + unique();
        var created = post("/admin/user", Map.of("tenant_id", tenant, "username", username, "password", PASSWORD));
        userId = id(created);
        apiKey = (String) created.get("api_key");
    }

    private WebTestClient.ResponseSpec me(String authorization) {
        var spec = client.get().uri("/tenant/me");
        return (authorization == null ? spec : spec.header(HttpHeaders.AUTHORIZATION, authorization)).exchange();
    }

    private WebTestClient.ResponseSpec authenticate(String user, String password) {
        return client.post().uri("/tenant/user/authenticate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", password)).exchange();
    }

    @Test
    void basicWithUsernameAndPasswordIdentifiesTheTenantUser() {
        me(basic(username, PASSWORD)).expectStatus().isOk()
                .expectBody().jsonPath("$.tenant_id").isEqualTo(tenant).jsonPath("$.user_id").isEqualTo(userId)
                .jsonPath("$.username").isEqualTo(username);
    }

    @Test
    void bearerApiKeyIdentifiesTheTenantUser() {
        me("Bearer " + apiKey).expectStatus().isOk()
                .expectBody().jsonPath("$.tenant_id").isEqualTo(tenant).jsonPath("$.user_id").isEqualTo(userId);
    }

    @Test
    void authenticateReturnsAFreshKeyAndTheOldOneStopsWorking() {
        String fresh = (String) authenticate(username, PASSWORD).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody().get("api_key");
        assertThat(fresh).startsWith("fsk_").isNotEqualTo(apiKey);
        me("Bearer " + fresh).expectStatus().isOk();
        me("Bearer " + apiKey).expectStatus().isUnauthorized();
    }

    @Test
    void unknownUserAndWrongPasswordGetIdenticalAnswers() {
        String wrongPassword = me(basic(username, "not the password")).expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        String unknownUser = me(basic("nosuchuser" + unique(), "not the password")).expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        String badKey = me("Bearer fsk_not-a-key").expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        String noHeader = me(null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, TenantAuthenticator.CHALLENGE)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(unknownUser).isEqualTo(wrongPassword).isEqualTo(badKey).isEqualTo(noHeader);

        String viaAuthenticateWrong = authenticate(username, "not the password").expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        String viaAuthenticateUnknown = authenticate("nosuchuser" + unique(), "x").expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(viaAuthenticateUnknown).isEqualTo(viaAuthenticateWrong);
    }

    @Test
    void anOverlongPasswordIsAPlainFailureNotAnError() {
        me(basic(username, "p".repeat(500))).expectStatus().isUnauthorized();
    }

    @Test
    void repeatedFailuresLockTheUsernameEvenForTheRightPassword() {
        // Test configuration: 3 failures lock the username for 10 minutes.
        for (int i = 0; i < 3; i++) {
            me(basic(username, "guess " + i)).expectStatus().isUnauthorized();
        }
        me(basic(username, PASSWORD)).expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
        authenticate(username, PASSWORD).expectStatus().isEqualTo(429);
        // Other users are unaffected, and so is this user's API key (throttled per client address instead).
        me("Bearer " + apiKey).expectStatus().isOk();
    }

    @Test
    void unknownUsernamesAreThrottledLikeRealOnes() {
        String ghost = "ghost" + unique();
        for (int i = 0; i < 3; i++) {
            me(basic(ghost, "guess " + i)).expectStatus().isUnauthorized();
        }
        me(basic(ghost, "guess")).expectStatus().isEqualTo(429);
    }

    @Test
    void adminKeyDoesNotOpenTenantRoutes() {
        me("Bearer " + ADMIN_KEY).expectStatus().isUnauthorized();
        me(basic("admin", ADMIN_KEY)).expectStatus().isUnauthorized();
    }

    @Test
    void authenticateWithoutFieldsIs400() {
        client.post().uri("/tenant/user/authenticate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'username')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists();
    }

    @Test
    void faxRoutesRequireTenantCredentials() {
        client.get().uri("/fax/status").exchange().expectStatus().isUnauthorized();
    }
}
