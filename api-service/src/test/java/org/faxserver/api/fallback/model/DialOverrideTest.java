package org.faxserver.api.fallback.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialOverrideTest {
    private static List<Violation> violations(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.violations();
        }
        throw new AssertionError("expected InvalidInputException");
    }

    @Test
    void aNationalDestinationIsReadWithTheDefaultRegion() {
        DialOverride o = DialOverride.toSet("(250) 555-1234", "fax_enable_t38", "false", "US");
        assertThat(o.destination().e164()).isEqualTo("+12505551234");
        assertThat(o.variable()).isEqualTo("fax_enable_t38");
        assertThat(o.value()).isEqualTo("false");
    }

    @Test
    void innerSpacesAreAllowedBecauseEslGatewayQuotesThem() {
        assertThat(DialOverride.toSet("+12505551234", "fax_header", "ACME Corp", "US").value()).isEqualTo("ACME Corp");
    }

    @Test
    void aSipHeaderVariableCanBeSet() {
        assertThat(DialOverride.toSet("+12505551234", "sip_h_X-Account", "42", "US").variable())
                .isEqualTo("sip_h_X-Account");
    }

    // The full lists are DialOverridePolicyTest's; here: each kind of problem becomes a violation of its field.
    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a}sofia/gateway/x/1{", "it's", "a/b", " lead", "new\nline", "Büro", "",
            "${system(id)}"})
    void valuesThatBreakTheDialStringOrModDbAreRefused(String value) {
        assertThat(violations(() -> DialOverride.toSet("+12505551234", "fax_ident", value, "US")))
                .extracting(Violation::field).containsExactly("value");
    }

    @Test
    void aValueLongerThanModDbCanReturnIsRefused() {
        assertThat(violations(() -> DialOverride.toSet("+12505551234", "fax_ident", "x".repeat(256), "US")))
                .extracting(Violation::message).containsExactly("must be at most 255 characters");
        assertThat(DialOverride.toSet("+12505551234", "fax_ident", "x".repeat(255), "US").value()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"origination_uuid", "api_on_answer", "execute_on_answer", "session_in_hangup_hook",
            "1abc", "a b", "sip_invite_req_uri"})
    void variablesThatAreNotPlainOrThatRunCommandsAreRefused(String variable) {
        assertThat(violations(() -> DialOverride.toSet("+12505551234", variable, "1", "US")))
                .extracting(Violation::field).containsExactly("variable");
    }

    @Test
    void aVariableNameLongerThan128CharactersIsRefused() {
        assertThat(violations(() -> DialOverride.toSet("+12505551234", "x".repeat(129), "1", "US")))
                .extracting(Violation::field).containsExactly("variable");
        assertThat(DialOverride.toSet("+12505551234", "x".repeat(128), "1", "US").variable()).hasSize(128);
    }

    @Test
    void anyPlainVariableCanBeRemovedEvenOneThatCannotBeSet() {
        DialOverride o = DialOverride.toRemove("+12505551234", "api_on_answer", "US");
        assertThat(o.value()).isNull();
        assertThat(violations(() -> DialOverride.toRemove("+12505551234", "a/b", "US")))
                .extracting(Violation::field).containsExactly("variable");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(violations(() -> DialOverride.toSet("12ab", "", null, "US")))
                .extracting(Violation::field).containsExactly("destination", "variable", "value");
        assertThatThrownBy(() -> DialOverride.toRemove(null, "x", "US")).isInstanceOf(InvalidInputException.class);
    }
}
