package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The admin live view and usage reports, over rows as fax-queue and the archive write them. */
class AdminReportsTest extends FaxApiTest {

    @Test
    void theLiveViewShowsUnfinishedJobsWithTheirCall() {
        TenantFixture tenant = aTenant();
        UUID running = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        queueJob(running, tenant.id(), "IN_PROGRESS", 0, null);
        queueJob(done, tenant.id(), "SUCCEEDED", 3, null);
        String gateway = "live-gw-" + unique();
        UUID call = attempt(running, 1, gateway, null, 2);

        List<Map<String, Object>> live = items(admin().get().uri("/admin/faxes?size=100"));
        Map<String, Object> fax = live.stream().filter(f -> running.toString().equals(f.get("job_id"))).findFirst()
                .orElseThrow();
        assertThat(fax).containsEntry("call_id", call.toString()).containsEntry("gateway", gateway)
                .containsEntry("pages_sent", 2).containsEntry("status", "IN_PROGRESS").containsEntry("attempt", 1);
        assertThat(live).extracting(f -> f.get("job_id")).doesNotContain(done.toString());
        client.get().uri("/admin/faxes").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void usageCountsSentAndReceivedFaxesPerTenantAndDay() {
        TenantFixture tenant = aTenant();
        queueJob(UUID.randomUUID(), tenant.id(), "SUCCEEDED", 3, null);
        queueJob(UUID.randomUUID(), tenant.id(), "FAILED", 0, "T30");
        queueJob(UUID.randomUUID(), tenant.id(), "IN_PROGRESS", 1, null);
        UUID forwarded = UUID.randomUUID();
        queueJob(forwarded, tenant.id(), "SUCCEEDED", 4, null);
        db.sql("UPDATE queue.job SET origin = 'INBOUND' WHERE job_id = :id").bind("id", forwarded).then().block();
        received(tenant.id(), true, 4);
        received(tenant.id(), false, 0);

        List<Map<String, Object>> usage = items(admin().get().uri("/admin/reports/usage?tenant_id=" + tenant.id()));
        assertThat(usage).hasSize(1);
        assertThat(usage.get(0)).containsEntry("tenant_id", String.valueOf(tenant.id()))
                .containsEntry("day", LocalDate.now(ZoneOffset.UTC).toString())
                .containsEntry("sent_succeeded", 1).containsEntry("sent_failed", 1).containsEntry("pages_sent", 3)
                .containsEntry("forwarded_succeeded", 1).containsEntry("forwarded_failed", 0)
                .containsEntry("received_succeeded", 1).containsEntry("received_failed", 1)
                .containsEntry("pages_received", 4);
        admin().get().uri("/admin/reports/usage?from=2026-01-10&to=2026-01-01").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
    }

    @Test
    void gatewaysReportTheirSuccessRate() {
        TenantFixture tenant = aTenant();
        String gateway = "report-gw-" + unique();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        queueJob(first, tenant.id(), "FAILED", 0, "T30");
        queueJob(second, tenant.id(), "SUCCEEDED", 2, null);
        attempt(first, 1, gateway, false, 0);
        attempt(second, 1, gateway, true, 2);
        attempt(second, 2, gateway, null, 0);

        Map<String, Object> row = items(admin().get().uri("/admin/reports/gateways")).stream()
                .filter(g -> gateway.equals(g.get("gateway"))).findFirst().orElseThrow();
        assertThat(row).containsEntry("attempts", 3).containsEntry("succeeded", 1).containsEntry("failed", 1)
                .containsEntry("pages_sent", 2).containsEntry("success_rate", 0.5);
    }

    /** An attempt as fax-queue records it; {@code success} null = the call is still up. */
    private UUID attempt(UUID jobId, int number, String gateway, Boolean success, int pagesSent) {
        UUID attemptId = UUID.randomUUID();
        db.sql("INSERT INTO queue.attempt (attempt_id, job_id, number, endpoint_id, endpoint_kind, target, started_at, "
                        + "deadline, ended_at, success, pages_sent) VALUES (:id, :job, :number, '1', 'GATEWAY', :gateway, now(), "
                        + "now() + interval '1 hour', " + (success == null ? "NULL" : "now()") + ", :success, :pages)")
                .bind("id", attemptId).bind("job", jobId).bind("number", number).bind("gateway", gateway)
                .bind("pages", pagesSent)
                .bind("success", success == null ? Boolean.FALSE : success)
                .then().block();
        if (success == null) {
            db.sql("UPDATE queue.attempt SET success = NULL WHERE attempt_id = :id").bind("id", attemptId).then().block();
        }
        return attemptId;
    }

    private void received(long tenantId, boolean success, int pages) {
        db.sql("INSERT INTO api.received_fax (call_id, tenant_id, callee, success, pages, ecm_used, started_at) "
                        + "VALUES (:id, :tenant, '+12125550100', :success, :pages, true, now())")
                .bind("id", UUID.randomUUID()).bind("tenant", tenantId).bind("success", success).bind("pages", pages)
                .then().block();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request) {
        return (List<Map<String, Object>>) request.exchange().expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody().get("items");
    }
}
