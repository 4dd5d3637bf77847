package org.faxserver.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.faxserver.api.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Bad input to any admin route is a 4xx problem, never a 5xx. */
class MalformedInputTest extends ApiIntegrationTest {

    private static final List<String> BODY_ROUTES = List.of(
            "POST /admin/tenant", "PUT /admin/tenant/{id}",
            "POST /admin/number", "PUT /admin/number/{id}",
            "POST /admin/user", "PUT /admin/user/{id}",
            "POST /admin/endpoint", "PUT /admin/endpoint/{id}",
            "POST /admin/fallback", "PUT /admin/override", "POST /admin/override",
            "POST /tenant/user/authenticate");

    /** Label, body, expected status. */
    private static final List<Object[]> BAD_BODIES = List.of(
            new Object[] {"malformed JSON", "{\"name\": ", 400},
            new Object[] {"not JSON at all", "<xml/>", 400},
            new Object[] {"JSON array", "[1,2]", 400},
            new Object[] {"JSON string", "\"text\"", 400},
            new Object[] {"JSON null", "null", 400},
            new Object[] {"empty body", "", 400},
            new Object[] {"object where text expected", "{\"name\": {\"a\": 1}, \"username\": [1]}", 400},
            new Object[] {"text where number expected",
                    "{\"tenant_id\": \"abc\", \"priority\": \"high\", \"name\": \"x\"}", 400},
            new Object[] {"number out of range", "{\"tenant_id\": 123456789012345678901234567890}", 400},
            new Object[] {"fraction where integer expected", "{\"tenant_id\": 1.5, \"priority\": 2.5}", 400},
            new Object[] {"unknown enum value", "{\"scope\": \"GALAXY\", \"type\": \"PIGEON\", \"name\": \"x\"}", 400},
            new Object[] {"unknown field", "{\"name\": \"x\", \"no_such_field\": 1}", 400},
            new Object[] {"trailing garbage", "{\"name\": \"x\"} {}", 400},
            new Object[] {"deeply nested", "[".repeat(5000) + "]".repeat(5000), 400},
            new Object[] {"huge body", "{\"name\": \"" + "a".repeat(200_000) + "\"}", 413});

    static Stream<Arguments> routesAndBodies() {
        List<Arguments> out = new ArrayList<>();
        for (String route : BODY_ROUTES) {
            for (Object[] bad : BAD_BODIES) {
                out.add(Arguments.of(route, bad[0], bad[1], bad[2]));
            }
        }
        return out.stream();
    }

    private long tenantId;

    @BeforeEach
    void tenant() {
        tenantId = createTenant();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("routesAndBodies")
    void badBodiesAreRejectedWithAProblemNever5xx(String route, String label, String body, int expected) {
        String[] parts = route.split(" ");
        // Existing ids where the route has one, so the body (not a missing row) is what fails.
        String path = parts[1].replace("{id}", String.valueOf(tenantId));
        var response = admin().method(HttpMethod.valueOf(parts[0])).uri(path)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        response.expectStatus().isEqualTo(expected)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyRoutes")
    void unknownFieldsAreNamed(String route) {
        String[] parts = route.split(" ");
        String path = parts[1].replace("{id}", String.valueOf(tenantId));
        admin().method(HttpMethod.valueOf(parts[0])).uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"surprise\": true}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("surprise");
    }

    static Stream<String> bodyRoutes() {
        return BODY_ROUTES.stream();
    }

    @Test
    void wrongTypesAreNamed() {
        admin().post().uri("/admin/endpoint").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scope\": \"GLOBAL\", \"type\": \"GATEWAY\", \"priority\": 1, "
                        + "\"gateway\": {\"name\": \"g\", \"allowed_sources\": [\"10.0.0.1\", {\"x\": 1}]}}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("gateway.allowed_sources[1]");
    }

    @Test
    void numbersAndBooleansWhereTextIsExpectedAreNamedNotTurnedIntoText() {
        for (String[] routeBodyField : List.of(
                new String[] {"POST", "/admin/fallback", "{\"number\": 12505551234}", "number"},
                new String[] {"PUT", "/admin/override",
                        "{\"destination\": \"+12125550199\", \"variable\": \"fax_use_ecm\", \"value\": false}",
                        "value"},
                new String[] {"POST", "/admin/tenant", "{\"name\": true}", "name"},
                new String[] {"POST", "/admin/tenant", "{\"name\": 1.5}", "name"})) {
            admin().method(HttpMethod.valueOf(routeBodyField[0])).uri(routeBodyField[1])
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(routeBodyField[2]).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(routeBodyField[3])
                    .jsonPath("$.errors[0].message").isEqualTo("has the wrong type or format");
        }
    }

    @Test
    void unknownQueryParametersAndBadValuesAreNamed() {
        admin().get().uri("/admin/tenant?nmae=x&size=5&zzz=1").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("nmae")
                .jsonPath("$.errors[1].field").isEqualTo("zzz")
                .jsonPath("$.errors[1].message").isEqualTo("is not a known parameter");
        admin().get().uri("/admin/endpoint?scope=SIDEWAYS").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scope")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).startsWith("is not one of TENANT, NUMBER, GLOBAL"));
        admin().get().uri("/admin/tenant/abc").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("is not a whole number in range");
    }

    @Test
    void unknownNestedFieldsAreNamedWithTheirPath() {
        admin().post().uri("/admin/endpoint").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scope\": \"GLOBAL\", \"type\": \"GATEWAY\", \"priority\": 1, "
                        + "\"gateway\": {\"name\": \"g\", \"ip\": \"10.0.0.1\"}}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("gateway.ip");
    }

    @Test
    void badPathAndQueryValuesAre400() {
        for (String path : List.of("/admin/tenant/abc", "/admin/number/1.5", "/admin/user/99999999999999999999",
                "/admin/endpoint/%00", "/admin/tenant?page=-1", "/admin/number?tenant_id=x",
                "/admin/endpoint?scope=SIDEWAYS", "/admin/user?size=0", "/admin/fallback?number=%00",
                "/admin/override?destination=x", "/admin/fallback?page=-1")) {
            // expectBody consumes the response, so no client connection is left half-read.
            var status = admin().get().uri(path).exchange().expectBody(String.class).returnResult()
                    .getStatus().value();
            assertThat(status).as(path).isEqualTo(400);
        }
    }

    @Test
    void wrongContentTypeIs415() {
        admin().post().uri("/admin/tenant").contentType(MediaType.TEXT_PLAIN).bodyValue("name=x").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownRouteIsAProblem404() {
        admin().get().uri("/admin/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        admin().method(HttpMethod.PATCH).uri("/admin/tenant").bodyValue(Map.of()).exchange()
                .expectStatus().isEqualTo(405);
    }
}
