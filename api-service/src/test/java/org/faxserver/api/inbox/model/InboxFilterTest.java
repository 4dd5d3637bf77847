package org.faxserver.api.inbox.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.faxserver.api.shared.model.InvalidInputException;
import org.junit.jupiter.api.Test;

class InboxFilterTest {

    @Test
    void numbersAreComparedInE164() {
        InboxFilter filter = InboxFilter.of("(212) 555-0100", "+44 20 7946 0018", true, null, null, "US");
        assertThat(filter.to()).isEqualTo("+12125550100");
        assertThat(filter.from()).isEqualTo("+442079460018");
        assertThat(filter.success()).isTrue();
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        assertThatThrownBy(() -> InboxFilter.of("garbage", "12", null, t, t, "US"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("to", "from", "received_after"));
    }

    @Test
    void formatsAreTiffPdfAndPngInAnyCase() {
        assertThat(ArchiveFormat.parse("format", "PDF")).isEqualTo(ArchiveFormat.PDF);
        assertThat(ArchiveFormat.parse("format", "tiff").mediaType()).isEqualTo("image/tiff");
        assertThatThrownBy(() -> ArchiveFormat.parse("format", "gif")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ArchiveFormat.parse("format", null)).isInstanceOf(InvalidInputException.class);
    }
}
