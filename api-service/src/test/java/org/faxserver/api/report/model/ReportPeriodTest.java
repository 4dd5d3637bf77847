package org.faxserver.api.report.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.faxserver.api.shared.model.InvalidInputException;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-05");

    @Test
    void defaultsToTheLastThirtyDaysIncludingToday() {
        assertThat(ReportPeriod.of(null, null, TODAY))
                .isEqualTo(new ReportPeriod(LocalDate.parse("2026-11-06"), LocalDate.parse("2026-12-06")));
    }

    @Test
    void aMissingEndIsThirtyDaysAfterTheStart() {
        assertThat(ReportPeriod.of(LocalDate.parse("2026-01-01"), null, TODAY).to()).isEqualTo("2026-01-31");
    }

    @Test
    void refusesAnEmptyOrOverlongPeriod() {
        assertThatThrownBy(() -> ReportPeriod.of(TODAY, TODAY, TODAY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ReportPeriod.of(TODAY.minusDays(367), TODAY, TODAY))
                .isInstanceOf(InvalidInputException.class);
        assertThat(ReportPeriod.of(TODAY.minusDays(366), TODAY, TODAY).from()).isEqualTo(TODAY.minusDays(366));
    }

    @Test
    void gatewaySuccessRateCountsFinishedAttemptsOnly() {
        assertThat(GatewayUsage.of("gw", 3, 1, 1, 2).successRate()).isEqualTo(0.5);
        assertThat(GatewayUsage.of("gw", 1, 0, 0, 0).successRate()).isNull();
        assertThat(GatewayUsage.of("gw", 3, 2, 1, 0).successRate()).isEqualTo(0.6667);
    }
}
