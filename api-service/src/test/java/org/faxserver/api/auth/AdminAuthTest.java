package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AdminAuthTest extends ApiIntegrationTest {

    static Stream<Arguments> badAuthorization() {
        return Stream.of(
                Arguments.of("missing header", null),
                Arguments.of("wrong key (Basic)", basic("admin", "wrong-key")),
                Arguments.of("wrong key (Bearer)", "Bearer wrong-key"),
                Arguments.of("key as Basic username", basic(ADMIN_KEY, "")),
                Arguments.of("key prefix", "Bearer " + ADMIN_KEY.substring(0, 10)),
                Arguments.of("not base64", "Basic %%%not-base64%%%"),
                Arguments.of("no colon in credentials", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(ADMIN_KEY.getBytes())),
                Arguments.of("wrong scheme", "Digest " + ADMIN_KEY),
                Arguments.of("scheme only", "Bearer"),
                Arguments.of("empty header", ""));
    }

    private WebTestClient.ResponseSpec getTenants(String authorization) {
        var spec = client.get().uri("/admin/tenant");
        if (authorization != null) {
            spec = spec.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return spec.exchange();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorization")
    void everyAuthFailureGivesTheSame401(String label, String authorization) {
        String reference = getTenants(null).expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        getTenants(authorization)
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, AdminAuthFilter.CHALLENGE)
                .expectBody(String.class).isEqualTo(reference);
    }

    @Test
    void aWriteWithoutCredentialsIsRefusedBeforeTheBodyIsRead() {
        client.post().uri("/admin/tenant").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}")
                .exchange().expectStatus().isUnauthorized();
        Long count = db.sql("SELECT count(*) AS n FROM directory.tenant WHERE name = 'x'")
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(count).isZero();
    }

    @Test
    void basicWithAnyUsernameAndBearerBothWork() {
        getTenants(basic("whoever", ADMIN_KEY)).expectStatus().isOk();
        getTenants("Bearer " + ADMIN_KEY).expectStatus().isOk();
        getTenants("bearer " + ADMIN_KEY).expectStatus().isOk();
    }

    @Test
    void caseVariantsOfTheAdminPathAreStillProtected() {
        // Whatever the router makes of them, they must never be served without the key.
        client.get().uri("/Admin/tenant").exchange().expectStatus().isUnauthorized();
        client.get().uri("/ADMIN/tenant").exchange().expectStatus().isUnauthorized();
        client.get().uri("/admin;x=1/tenant").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aTenantApiKeyIsNotAnAdminKey() {
        long tenant = createTenant();
        var user = post("/admin/user", java.util.Map.of("tenant_id", tenant, "username", "notadmin" + unique(),
                "password", "password123"));
        getTenants("Bearer " + user.get("api_key")).expectStatus().isUnauthorized();
    }
}
