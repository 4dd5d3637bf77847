package org.faxserver.api.report.model;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.faxserver.api.shared.model.Violations;

/**
 * The days a usage report covers, in UTC: {@code from} inclusive, {@code to} exclusive. Without
 * parameters the last 30 days up to and including today; at most {@link #MAX_DAYS} days, so one
 * request cannot scan the whole history.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    public static ReportPeriod of(LocalDate from, LocalDate to, LocalDate today) {
        LocalDate end = to != null ? to : (from != null ? from.plusDays(DEFAULT_DAYS) : today.plusDays(1));
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS);
        Violations v = new Violations();
        if (!start.isBefore(end)) {
            v.add("from", "must be before to");
        } else if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            v.add("to", "the period may cover at most " + MAX_DAYS + " days");
        }
        v.throwIfAny();
        return new ReportPeriod(start, end);
    }

    public java.time.OffsetDateTime start() {
        return from.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    public java.time.OffsetDateTime end() {
        return to.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
