package org.faxserver.api.report;

import java.time.LocalDate;
import java.util.UUID;

import org.faxserver.api.report.model.GatewayUsage;
import org.faxserver.api.report.model.LiveFax;
import org.faxserver.api.report.model.ReportPeriod;
import org.faxserver.api.report.model.TenantDayUsage;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Admin views over fax-queue's published views ({@code queue.job_view}, {@code queue.attempt_view};
 * read only) and the archive ({@code api.received_fax}). Should fax-queue's views not exist yet,
 * the answers are empty instead of failing.
 */
@Repository
class ReportRepository {
    private static final String LIVE = " FROM queue.job_view j LEFT JOIN LATERAL (SELECT attempt_id, number, gateway, "
            + "started_at, pages_sent FROM queue.attempt_view a WHERE a.job_id = j.job_id AND a.ended_at IS NULL "
            + "ORDER BY a.number DESC LIMIT 1) a ON true WHERE j.completed_at IS NULL";

    private final DatabaseClient db;

    ReportRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<LiveFax> live(PageRequest page) {
        return db.sql("SELECT j.job_id, j.tenant_id, j.to_number, j.status, j.pages_total, j.attempt_count, "
                        + "j.next_attempt_at, j.created_at, a.attempt_id, a.number, a.gateway, a.started_at, a.pages_sent"
                        + LIVE + " ORDER BY j.created_at, j.job_id LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(r -> new LiveFax(r.get("job_id", UUID.class), r.get("tenant_id", String.class),
                        r.get("to_number", String.class), r.get("status", String.class),
                        r.get("pages_total", Integer.class), r.get("attempt_count", Integer.class),
                        Rows.instant(r, "next_attempt_at"), Rows.instant(r, "created_at"),
                        r.get("attempt_id", UUID.class), r.get("number", Integer.class), r.get("gateway", String.class),
                        Rows.instant(r, "started_at"), r.get("pages_sent", Integer.class)))
                .all()
                .onErrorResume(Rows::undefinedTable, e -> Flux.empty());
    }

    Mono<Long> liveCount() {
        return db.sql("SELECT count(*) AS n" + LIVE).map(r -> r.get("n", Long.class)).one()
                .onErrorResume(Rows::undefinedTable, e -> Mono.just(0L));
    }

    /**
     * Per tenant and UTC day; {@code tenantId} null for all tenants. Sent: jobs submitted through the
     * API that ended, by outcome, with the pages of the successful ones. Forwarded: store-and-forward
     * jobs (received faxes delivered to the tenant's endpoints, PBX relays), kept apart so a received
     * fax is not counted as sent too. Received: inbound calls, with the pages of successful receptions.
     */
    Flux<TenantDayUsage> usage(ReportPeriod period, Long tenantId) {
        String jobTenant = tenantId == null ? "" : " AND tenant_id = :tenantText";
        String receivedTenant = tenantId == null ? "" : " AND tenant_id = :tenant";
        var spec = db.sql("WITH s AS (SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, "
                        + "count(*) FILTER (WHERE origin = 'API' AND status = 'SUCCEEDED') AS ok, "
                        + "count(*) FILTER (WHERE origin = 'API' AND status = 'FAILED') AS failed, "
                        + "coalesce(sum(pages_sent) FILTER (WHERE origin = 'API' AND status = 'SUCCEEDED'), 0) AS pages, "
                        + "count(*) FILTER (WHERE origin <> 'API' AND status = 'SUCCEEDED') AS fwd_ok, "
                        + "count(*) FILTER (WHERE origin <> 'API' AND status = 'FAILED') AS fwd_failed "
                        + "FROM queue.job_view WHERE created_at >= :start AND created_at < :end" + jobTenant
                        + " GROUP BY 1, 2), "
                        + "r AS (SELECT tenant_id::text AS tenant_id, (started_at AT TIME ZONE 'UTC')::date AS day, "
                        + "count(*) FILTER (WHERE success) AS ok, count(*) FILTER (WHERE NOT success) AS failed, "
                        + "coalesce(sum(pages) FILTER (WHERE success), 0) AS pages FROM api.received_fax "
                        + "WHERE started_at >= :start AND started_at < :end" + receivedTenant + " GROUP BY 1, 2) "
                        + "SELECT coalesce(s.tenant_id, r.tenant_id) AS tenant_id, coalesce(s.day, r.day) AS day, "
                        + "coalesce(s.ok, 0) AS sent_ok, coalesce(s.failed, 0) AS sent_failed, coalesce(s.pages, 0) AS sent_pages, "
                        + "coalesce(s.fwd_ok, 0) AS fwd_ok, coalesce(s.fwd_failed, 0) AS fwd_failed, "
                        + "coalesce(r.ok, 0) AS received_ok, coalesce(r.failed, 0) AS received_failed, "
                        + "coalesce(r.pages, 0) AS received_pages FROM s FULL JOIN r ON s.tenant_id = r.tenant_id AND s.day = r.day "
                        + "ORDER BY day, tenant_id")
                .bind("start", period.start()).bind("end", period.end());
        if (tenantId != null) {
            spec = spec.bind("tenant", tenantId).bind("tenantText", String.valueOf(tenantId));
        }
        return spec.map(r -> new TenantDayUsage(r.get("tenant_id", String.class), r.get("day", LocalDate.class),
                        number(r.get("sent_ok")), number(r.get("sent_failed")), number(r.get("sent_pages")),
                        number(r.get("fwd_ok")), number(r.get("fwd_failed")),
                        number(r.get("received_ok")), number(r.get("received_failed")), number(r.get("received_pages"))))
                .all()
                .onErrorResume(Rows::undefinedTable, e -> Flux.empty());
    }

    Flux<GatewayUsage> gateways(ReportPeriod period) {
        return db.sql("SELECT gateway, count(*) AS attempts, count(*) FILTER (WHERE success) AS ok, "
                        + "count(*) FILTER (WHERE ended_at IS NOT NULL AND NOT coalesce(success, false)) AS failed, "
                        + "coalesce(sum(pages_sent), 0) AS pages FROM queue.attempt_view "
                        + "WHERE endpoint_kind = 'GATEWAY' AND started_at >= :start AND started_at < :end "
                        + "GROUP BY gateway ORDER BY gateway")
                .bind("start", period.start()).bind("end", period.end())
                .map(r -> GatewayUsage.of(r.get("gateway", String.class), number(r.get("attempts")), number(r.get("ok")),
                        number(r.get("failed")), number(r.get("pages"))))
                .all()
                .onErrorResume(Rows::undefinedTable, e -> Flux.empty());
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
