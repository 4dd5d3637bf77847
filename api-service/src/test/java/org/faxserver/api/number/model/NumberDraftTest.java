package org.faxserver.api.number.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.Violation;
import org.junit.jupiter.api.Test;

class NumberDraftTest {
    private static InvalidInputException invalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected InvalidInputException");
    }

    @Test
    void nationalNumbersAreReadWithTheDefaultRegion() {
        assertThat(NumberDraft.of(1L, "(212) 555-0100", null, null, null, null, "US").number())
                .isEqualTo("+12125550100");
        assertThat(NumberDraft.of(1L, "030 1234567", null, null, null, null, "DE").number())
                .isEqualTo("+49301234567");
    }

    @Test
    void longInternationalNumbersAreKeptWhole() {
        // The seed cut everything to 10 digits.
        assertThat(NumberDraft.of(1L, "+44 20 7946 0958", null, null, null, null, "US").number())
                .isEqualTo("+442079460958");
    }

    @Test
    void blankOptionalFieldsBecomeNullAndTextIsTrimmed() {
        NumberDraft d = NumberDraft.of(1L, "+12125550100", "  Acme  ", " ", null, "", "US");
        assertThat(d.callerIdName()).isEqualTo("Acme");
        assertThat(d.pageHeader()).isNull();
        assertThat(d.notifySpec()).isNull();
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        var e = invalid(() -> NumberDraft.of(null, "12", "x".repeat(65), "head\r\ner", "ident too long for T30",
                "nonsense", "US"));
        assertThat(e.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("tenant_id", "number", "caller_id_name", "page_header", "ident", "notify");
    }

    @Test
    void identMustBePrintableAscii() {
        assertThatThrownBy(() -> NumberDraft.of(1L, "+12125550100", null, null, "Fäx", null, "US"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void textThatGoesIntoTheDialStringCannotBreakIt() {
        var e = invalid(() -> NumberDraft.of(1L, "+12125550100", "Acme}evil{", "x,'y'", "id\"", null, "US"));
        assertThat(e.violations()).extracting(Violation::field)
                .containsExactly("caller_id_name", "page_header", "ident");
        assertThat(e.violations().get(0).message()).contains("dial string");
        e = invalid(() -> NumberDraft.of(1L, "+12125550100", "line\nbreak", null, null, null, "US"));
        assertThat(e.violations().get(0).message()).contains("control characters");
        assertThat(NumberDraft.of(1L, "+12125550100", "Acme, Inc.", "Page header, ok", null, null, "US").callerIdName())
                .isEqualTo("Acme, Inc.");
    }
}
