package org.faxserver.api.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.report.model.GatewayUsage;
import org.faxserver.api.report.model.LiveFax;
import org.faxserver.api.report.model.ReportPeriod;
import org.faxserver.api.report.model.TenantDayUsage;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.web.AdminApi;
import org.faxserver.api.web.Paging;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Operations views: faxes in progress (the seed's {@code GET /admin/faxes}) and usage reports. */
@RestController
@Tag(name = "admin: reports")
@AdminApi
class ReportController {
    record Report<T>(LocalDate from, LocalDate to, List<T> items) {
    }

    private final ReportRepository reports;
    private final Paging paging;
    private final Clock clock;

    ReportController(ReportRepository reports, Paging paging, Clock clock) {
        this.reports = reports;
        this.paging = paging;
        this.clock = clock;
    }

    @GetMapping("/admin/faxes")
    @Operation(summary = "Faxes in progress, oldest first: job, status, and the live call (id, attempt, gateway, pages so far)")
    Mono<Page<LiveFax>> live(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(p -> Mono.zip(reports.live(p).collectList(), reports.liveCount())
                        .map(t -> new Page<>(t.getT1(), p.page(), p.size(), t.getT2())));
    }

    @GetMapping("/admin/reports/usage")
    @Operation(summary = "Faxes and pages per tenant and UTC day, sent and received",
            description = "from (inclusive) and to (exclusive) are dates; default the last 30 days; at most 366 days.")
    Mono<Report<TenantDayUsage>> usage(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "tenant_id", required = false) Long tenantId) {
        return Mono.fromCallable(() -> period(from, to))
                .flatMap(p -> reports.usage(p, tenantId).collectList()
                        .map(items -> new Report<>(p.from(), p.to(), items)));
    }

    @GetMapping("/admin/reports/gateways")
    @Operation(summary = "Calls, successes and success rate per gateway",
            description = "from (inclusive) and to (exclusive) are dates; default the last 30 days; at most 366 days.")
    Mono<Report<GatewayUsage>> gateways(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return Mono.fromCallable(() -> period(from, to))
                .flatMap(p -> reports.gateways(p).collectList().map(items -> new Report<>(p.from(), p.to(), items)));
    }

    private ReportPeriod period(LocalDate from, LocalDate to) {
        return ReportPeriod.of(from, to, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
