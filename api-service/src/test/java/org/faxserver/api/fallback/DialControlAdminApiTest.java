package org.faxserver.api.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.faxserver.api.ApiIntegrationTest;
import org.faxserver.api.fax.BrokerMessages;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * {@code /admin/fallback} and {@code /admin/override} end to end: route → {@code api.outbox} → relay →
 * the command on {@code fax.commands} (caught by server-named queues bound like fax-queue binds its
 * own), and reads from fax-queue's tables (created from fax-queue's own migration, rows written here
 * as fax-queue would write them).
 */
class DialControlAdminApiTest extends ApiIntegrationTest {
    private BrokerMessages<FallbackChange> fallbackSet;
    private BrokerMessages<FallbackChange> fallbackRemove;
    private BrokerMessages<OverrideChange> overrideSet;
    private BrokerMessages<OverrideChange> overrideRemove;

    @BeforeEach
    void listen() throws Exception {
        ensureQueueSchema();
        fallbackSet = new BrokerMessages<>(Exchanges.FAX_COMMANDS, RoutingKeys.FALLBACK_SET, FallbackChange.class);
        fallbackRemove = new BrokerMessages<>(Exchanges.FAX_COMMANDS, RoutingKeys.FALLBACK_REMOVE, FallbackChange.class);
        overrideSet = new BrokerMessages<>(Exchanges.FAX_COMMANDS, RoutingKeys.OVERRIDE_SET, OverrideChange.class);
        overrideRemove = new BrokerMessages<>(Exchanges.FAX_COMMANDS, RoutingKeys.OVERRIDE_REMOVE, OverrideChange.class);
    }

    @AfterEach
    void close() throws Exception {
        fallbackSet.close();
        fallbackRemove.close();
        overrideSet.close();
        overrideRemove.close();
    }

    @Test
    void theSeedsPostFallbackWithANationalNumberPublishesOneFallbackSet() throws Exception {
        String national = uniqueNationalNumber();
        String e164 = "+1" + national;
        admin().post().uri("/admin/fallback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"number\":\" " + national + " \"}")
                .exchange().expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.number").isEqualTo(e164)
                .jsonPath("$.listed").isEqualTo(true)
                .jsonPath("$.message_id").exists();

        List<Envelope<FallbackChange>> messages = fallbackSet.await(m -> m.payload().number().e164().equals(e164), 1);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).type()).isEqualTo(FallbackChange.SET_TYPE);
        assertThat(messages.get(0).payload().listed()).isTrue();
        // fax-queue stamps the time on the list with its own clock.
        assertThat(messages.get(0).payload().since()).isNull();
    }

    @Test
    void deletingAFallbackPublishesFallbackRemove() throws Exception {
        String e164 = uniqueE164();
        admin().delete().uri("/admin/fallback/{number}", e164).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.number").isEqualTo(e164).jsonPath("$.listed").isEqualTo(false);
        var messages = fallbackRemove.await(m -> m.payload().number().e164().equals(e164), 1);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).type()).isEqualTo(FallbackChange.REMOVE_TYPE);
        assertThat(messages.get(0).payload().listed()).isFalse();
    }

    @Test
    void invalidFallbackInputIs400NamingTheFieldAndPublishesNothing() throws Exception {
        admin().post().uri("/admin/fallback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", "12ab")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("number");
        admin().post().uri("/admin/fallback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("number");
        String refused = uniqueE164();
        admin().post().uri("/admin/fallback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", refused, "since", 5)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("since");
        admin().delete().uri("/admin/fallback/{number}", "not-a-number").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("number");
        assertThat(fallbackSet.await(m -> m.payload().number().e164().equals(refused), 0)).isEmpty();
    }

    @Test
    void theFallbackListIsReadFromFaxQueuesTableWithPaging() {
        String a = uniqueE164();
        String b = uniqueE164();
        db.sql("INSERT INTO queue.fallback (number, since_unix, source) VALUES (:a, 1700000000, 'learned'), "
                + "(:b, 1700000100, 'admin')").bind("a", a).bind("b", b).then().block();

        admin().get().uri("/admin/fallback?number={n}", a).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].number").isEqualTo(a)
                .jsonPath("$.items[0].since").isEqualTo("2023-11-14T22:13:20Z")
                .jsonPath("$.items[0].source").isEqualTo("learned");
        admin().get().uri("/admin/fallback?page=0&size=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.size").isEqualTo(1)
                .jsonPath("$.total").value(t -> assertThat(((Number) t).longValue()).isGreaterThanOrEqualTo(2));
        admin().get().uri("/admin/fallback?size=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void putAndPostOverridePublishOverrideSet() throws Exception {
        String national = uniqueNationalNumber();
        String e164 = "+1" + national;
        admin().put().uri("/admin/override").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("destination", national, "variable", "fax_enable_t38", "value", "false"))
                .exchange().expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.destination").isEqualTo(e164)
                .jsonPath("$.variable").isEqualTo("fax_enable_t38")
                .jsonPath("$.value").isEqualTo("false")
                .jsonPath("$.message_id").exists();
        admin().post().uri("/admin/override").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("destination", e164, "variable", "fax_header", "value", "ACME Corp"))
                .exchange().expectStatus().isAccepted();

        var messages = overrideSet.await(m -> m.payload().destination().e164().equals(e164), 2);
        assertThat(messages).extracting(m -> m.payload().variable() + "=" + m.payload().value())
                .containsExactlyInAnyOrder("fax_enable_t38=false", "fax_header=ACME Corp");
        assertThat(messages).allMatch(m -> m.type().equals(OverrideChange.SET_TYPE));
    }

    @Test
    void deletingAnOverridePublishesOverrideRemove() throws Exception {
        String e164 = uniqueE164();
        admin().delete().uri("/admin/override/{destination}/{variable}", e164, "fax_use_ecm").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.variable").isEqualTo("fax_use_ecm").jsonPath("$.value").isEmpty();
        var messages = overrideRemove.await(m -> m.payload().destination().e164().equals(e164), 1);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).payload().isRemoval()).isTrue();
        assertThat(messages.get(0).payload().variable()).isEqualTo("fax_use_ecm");
    }

    @Test
    @SuppressWarnings("unchecked")
    void overridesThatWouldInjectIntoTheDialStringAre400AndPublishNothing() throws Exception {
        String e164 = uniqueE164();
        Map<String, String> badValues = Map.of(
                "a,fax_enable_t38=true", "value",
                "x}sofia/gateway/evil/1{", "value",
                "it's", "value",
                "say \"hi\"", "value",
                "line\nbreak", "value",
                " padded", "value");
        for (var bad : badValues.entrySet()) {
            admin().put().uri("/admin/override").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("destination", e164, "variable", "fax_ident", "value", bad.getKey()))
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad.getValue());
        }
        for (String variable : List.of("api_on_answer", "execute_on_answer", "origination_uuid", "fax ident", "a,b")) {
            admin().put().uri("/admin/override").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("destination", e164, "variable", variable, "value", "1"))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("variable");
        }
        admin().put().uri("/admin/override").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("destination", "nope", "variable", "fax_ident"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat((List<Object>) fields).containsExactlyInAnyOrder("destination", "value"));
        assertThat(overrideSet.await(m -> m.payload().destination().e164().equals(e164), 0)).isEmpty();
    }

    @Test
    void overridesAreReadFromFaxQueuesTable() {
        String e164 = uniqueE164();
        db.sql("INSERT INTO queue.dial_override (destination, variable, value) VALUES (:d, 'fax_enable_t38', 'false'), "
                + "(:d, 'fax_use_ecm', 'true')").bind("d", e164).then().block();
        admin().get().uri("/admin/override?destination={d}", e164).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].destination").isEqualTo(e164)
                .jsonPath("$.items[0].variable").isEqualTo("fax_enable_t38")
                .jsonPath("$.items[0].value").isEqualTo("false")
                .jsonPath("$.items[0].updated_at").exists()
                .jsonPath("$.items[1].variable").isEqualTo("fax_use_ecm");
        admin().get().uri("/admin/override?destination=abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("destination");
    }

    @Test
    void theRoutesNeedTheAdminKey() {
        client.get().uri("/admin/fallback").exchange().expectStatus().isUnauthorized();
        client.post().uri("/admin/fallback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", uniqueE164())).exchange().expectStatus().isUnauthorized();
        client.delete().uri("/admin/fallback/{n}", uniqueE164()).exchange().expectStatus().isUnauthorized();
        client.get().uri("/admin/override").exchange().expectStatus().isUnauthorized();
        client.put().uri("/admin/override").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("destination", uniqueE164(), "variable", "fax_use_ecm", "value", "true"))
                .exchange().expectStatus().isUnauthorized();
        client.delete().uri("/admin/override/{d}/{v}", uniqueE164(), "fax_use_ecm").exchange()
                .expectStatus().isUnauthorized();
    }
}
