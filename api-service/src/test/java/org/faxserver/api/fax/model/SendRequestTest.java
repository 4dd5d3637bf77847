package org.faxserver.api.fax.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.UnprocessableInputException;
import org.faxserver.api.shared.model.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SendRequestTest {
    private static SendFields fields(Map<String, List<String>> values, int files, String key) {
        return new SendFields(values, null, files, key);
    }

    private static Map<String, List<String>> valid() {
        Map<String, List<String>> values = new HashMap<>();
        values.put("from", List.of("2125550100"));
        values.put("to", List.of("+44 20 7946 0958"));
        return values;
    }

    @Test
    void numbersAreReadInE164WithTheDefaultRegion() {
        SendRequest r = SendRequest.of(fields(valid(), 1, null), "US");
        assertThat(r.from().e164()).isEqualTo("+12125550100");
        assertThat(r.to().e164()).isEqualTo("+442079460958");
        assertThat(r.fromField()).isEqualTo("from");
        assertThat(r.labels()).isEmpty();
    }

    @Test
    void theSeedsFieldNamesAreAliases() {
        SendRequest r = SendRequest.of(fields(Map.of("caller_number", List.of("2125550100"),
                "callee_number", List.of("2125550199")), 1, null), "US");
        assertThat(r.fromField()).isEqualTo("caller_number");
        assertThat(r.to().e164()).isEqualTo("+12125550199");
    }

    @Nested
    class BrokenRequestsAre400 {
        @Test
        void missingFieldsAndFilesAreAllNamed() {
            assertThatThrownBy(() -> SendRequest.of(fields(Map.of(), 0, null), "US"))
                    .isExactlyInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).violations().stream().map(Violation::field).toList())
                    .asList().containsExactlyInAnyOrder("from", "to", "file");
        }

        @Test
        void bothSpellingsOfOneFieldAreRefused() {
            Map<String, List<String>> values = valid();
            values.put("caller_number", List.of("2125550100"));
            assertThatThrownBy(() -> SendRequest.of(fields(values, 1, null), "US"))
                    .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("not both");
        }

        @Test
        void aRepeatedFieldIsRefused() {
            Map<String, List<String>> values = valid();
            values.put("to", List.of("2125550199", "2125550198"));
            assertThatThrownBy(() -> SendRequest.of(fields(values, 1, null), "US"))
                    .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("once");
        }

        @Test
        void anIdempotencyKeyWithSpacesIsRefused() {
            assertThatThrownBy(() -> SendRequest.of(fields(valid(), 1, "my key"), "US"))
                    .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("Idempotency-Key");
        }
    }

    @Nested
    class UnusableValuesAre422 {
        @Test
        void anInvalidNumberNamesTheFieldTheClientUsed() {
            assertThatThrownBy(() -> SendRequest.of(fields(Map.of("caller_number", List.of("12"),
                    "to", List.of("2125550199")), 1, null), "US"))
                    .isInstanceOf(UnprocessableInputException.class)
                    .extracting(e -> ((UnprocessableInputException) e).violations().get(0))
                    .isEqualTo(new Violation("caller_number", "is not a valid phone number: too short"));
        }

        @Test
        void anIdentMustBeShortPrintableAscii() {
            Map<String, List<String>> values = valid();
            values.put("ident", List.of("Büro"));
            assertThatThrownBy(() -> SendRequest.of(fields(values, 1, null), "US"))
                    .isInstanceOf(UnprocessableInputException.class).hasMessageContaining("ASCII");
            values.put("ident", List.of("x".repeat(21)));
            assertThatThrownBy(() -> SendRequest.of(fields(values, 1, null), "US"))
                    .isInstanceOf(UnprocessableInputException.class).hasMessageContaining("at most 20");
        }

        @Test
        void headerAndIdentCannotCarryDialStringBreakingCharacters() {
            for (String bad : List.of("a}sofia/gateway/x/1{", "O'Brien", "say \"hi\"", "back\\slash", "tab\tbed")) {
                for (String field : List.of("header", "ident")) {
                    Map<String, List<String>> values = valid();
                    values.put(field, List.of(bad));
                    assertThatThrownBy(() -> SendRequest.of(fields(values, 1, null), "US"))
                            .isInstanceOf(UnprocessableInputException.class)
                            .extracting(e -> ((UnprocessableInputException) e).violations().get(0).field())
                            .isEqualTo(field);
                }
            }
            // A comma is fine: esl-gateway escapes it and FreeSWITCH removes the escape.
            Map<String, List<String>> values = valid();
            values.put("header", List.of("ACME, Inc."));
            assertThat(SendRequest.of(fields(values, 1, null), "US").header()).isEqualTo("ACME, Inc.");
        }
    }
}
