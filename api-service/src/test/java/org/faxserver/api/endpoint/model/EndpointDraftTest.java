package org.faxserver.api.endpoint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.faxserver.api.endpoint.model.EndpointDraft.EmailInput;
import org.faxserver.api.endpoint.model.EndpointDraft.GatewayInput;
import org.faxserver.api.endpoint.model.EndpointDraft.WebhookInput;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.Violation;
import org.faxserver.model.fax.T38Policy;
import org.junit.jupiter.api.Test;

class EndpointDraftTest {
    private static GatewayInput gw(String name, String... sources) {
        return new GatewayInput(name, List.of(sources), null, null, null);
    }

    private static List<String> fields(Runnable r) {
        return catchThrowableOfType(InvalidInputException.class, r::run).violations().stream()
                .map(Violation::field).toList();
    }

    @Test
    void aTenantGatewayKeepsItsTypedFieldsAndDefaults() {
        EndpointDraft d = EndpointDraft.of(EndpointScope.TENANT, 7L, null, EndpointType.GATEWAY, 10, null, null, null,
                new GatewayInput("pbx1", List.of("10.1.2.3"), T38Policy.ACCEPT, 4, true), null, null);
        assertThat(d.enabled()).isTrue();
        assertThat(d.sourceOnly()).isFalse();
        assertThat(d.gateway()).isEqualTo(new GatewaySettings("pbx1", List.of("10.1.2.3/32"), T38Policy.ACCEPT, 4, true));
    }

    @Test
    void aWebhookDefaultsToJsonPayloads() {
        EndpointDraft d = EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.WEBHOOK, 1, true, false,
                true, null, new WebhookInput("https://h.test/x", "0123456789abcdef", null), null);
        assertThat(d.webhook().payloadStyle()).isEqualTo(PayloadStyle.JSON);
        assertThat(d.lastResort()).isTrue();
        assertThat(d.webhook().toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void scopeDecidesWhichReferenceIsRequired() {
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.NUMBER, 1L, null, EndpointType.EMAIL, 1, null, null,
                null, null, null, new EmailInput(List.of("a@b.test"))))).containsExactlyInAnyOrder("number_id", "tenant_id");
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, 1L, 2L, EndpointType.EMAIL, 1, null, null,
                null, null, null, new EmailInput(List.of("a@b.test"))))).containsExactlyInAnyOrder("tenant_id", "number_id");
        assertThat(fields(() -> EndpointDraft.of(null, null, null, EndpointType.EMAIL, 1, null, null,
                null, null, null, new EmailInput(List.of("a@b.test"))))).containsExactly("scope");
    }

    @Test
    void onlyTheBlockMatchingTheTypeIsAllowed() {
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.EMAIL, 1, null, null,
                null, gw("g"), null, null))).containsExactlyInAnyOrder("gateway", "email.addresses");
    }

    @Test
    void sourceOnlyIsForGatewaysAndNeverLastResort() {
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.EMAIL, 1, null, true,
                true, null, null, new EmailInput(List.of("a@b.test"))))).containsExactlyInAnyOrder("source_only", "last_resort");
    }

    @Test
    void gatewayNamesCannotInjectIntoDialStrings() {
        for (String name : List.of("a/b", "a b", "a,b", "{x}", "", "x".repeat(65))) {
            assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.GATEWAY, 1, null,
                    null, null, gw(name), null, null))).as(name).containsExactly("gateway.name");
        }
    }

    @Test
    void badSourcesAndAddressesAreNamedByIndex() {
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.GATEWAY, 1, null,
                null, null, gw("g", "10.0.0.1", "nope"), null, null))).containsExactly("gateway.allowed_sources[1]");
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.EMAIL, 1, null,
                null, null, null, null, new EmailInput(List.of("ok@x.test", "not-an-address")))))
                .containsExactly("email.addresses[1]");
    }

    @Test
    void webhookUrlsMustBeHttp() {
        assertThat(fields(() -> EndpointDraft.of(EndpointScope.GLOBAL, null, null, EndpointType.WEBHOOK, 1, null,
                null, null, null, new WebhookInput("file:///etc/passwd", "0123456789abcdef", null), null)))
                .containsExactly("webhook.url");
    }
}
