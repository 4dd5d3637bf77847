package org.faxserver.notifier.receipt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobStatus;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.FaxNotice;
import org.faxserver.notifier.delivery.model.NoticeEvent;
import org.faxserver.notifier.delivery.model.Notices;
import org.faxserver.notifier.delivery.model.Purpose;
import org.junit.jupiter.api.Test;

class ReceiptPlannerTest {

  static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
  static final PhoneNumber OURS = PhoneNumber.ofE164("+15550001001");
  static final PhoneNumber THEIRS = PhoneNumber.ofE164("+442079460958");
  final ReceiptPlanner planner = new ReceiptPlanner(new ReceiptPolicy());

  static JobCompleted job(JobOrigin origin, PhoneNumber from, PhoneNumber to, JobStatus status) {
    FaxResult ok = new FaxResult(true, 0, "OK", 1, 1, HangupCause.NORMAL_CLEARING, "FAR", null, 9600, true,
        T38Status.OFF, 0, 1, List.of());
    return new JobCompleted(UUID.fromString("00000000-0000-0000-0000-000000000001"), "7", origin, null, from, to, 1,
        status, null, List.of(new AttemptSummary(UUID.randomUUID(), 1, EndpointRef.gateway("3", "gw"), T, T, true, ok,
            null)), null);
  }

  @Test
  void aReceiptOfAFaxToAnotherTenantsNumberNamesNoneOfItsEndpointsOrTheirFailures() {
    JobCompleted toAnotherTenant = new JobCompleted(UUID.randomUUID(), "7", JobOrigin.API, null, OURS, THEIRS, 1,
        JobStatus.FAILED, "all endpoints failed; last: HTTP 500 from https://other.example/hook",
        List.of(new AttemptSummary(UUID.randomUUID(), 1, EndpointRef.gateway("3", "other-pbx"), T, T, false, null,
                "busy"),
            new AttemptSummary(UUID.randomUUID(), 2, EndpointRef.webhook("4", "https://other.example/hook"), T, T,
                false, null, "HTTP 500 from https://other.example/hook")), null);

    FaxNotice hidden = Notices.completed(toAnotherTenant, Notices.Destination.ANOTHER_TENANTS_NUMBER, null, T);
    FaxNotice shown = Notices.completed(toAnotherTenant, Notices.Destination.ELSEWHERE, null, T);

    assertThat(hidden.reason()).isEqualTo(Notices.ANOTHER_TENANTS_DELIVERY_FAILED);
    assertThat(hidden.attempts()).extracting(FaxNotice.AttemptLine::endpoint).containsExactly("delivery", "delivery");
    assertThat(hidden.attempts()).extracting(FaxNotice.AttemptLine::result).containsOnlyNulls();
    assertThat(hidden.toString()).doesNotContain("other.example").doesNotContain("other-pbx");
    assertThat(shown.toString()).contains("other.example").contains("gateway other-pbx");
    JobCompleted cancelled = new JobCompleted(UUID.randomUUID(), "7", JobOrigin.API, null, OURS, THEIRS, 1,
        JobStatus.CANCELLED, "cancelled by sandbox via the API", List.of(), null);
    assertThat(Notices.completed(cancelled, Notices.Destination.ANOTHER_TENANTS_NUMBER, null, T).reason())
        .isEqualTo("cancelled by sandbox via the API");
  }

  @Test
  void theSameFactPlansTheSameDeliveryIds() {
    FaxNotice notice = Notices.completed(job(JobOrigin.API, OURS, THEIRS, JobStatus.SUCCEEDED), Notices.Destination.ELSEWHERE, null, T);
    List<DeliveryTask> first = planner.plan(notice, "email_report->a@x.test,webhook->https://h.test", null).tasks();
    List<DeliveryTask> again = planner.plan(notice, "email_report->a@x.test,webhook->https://h.test", null).tasks();
    assertThat(first).extracting(DeliveryTask::id).doesNotHaveDuplicates()
        .containsExactlyElementsOf(again.stream().map(DeliveryTask::id).toList());
    assertThat(first).allMatch(t -> t.purpose() == Purpose.RECEIPT && t.attemptId() == null);
  }

  @Test
  void anApiJobIsASentFaxReportedToTheSender() {
    FaxNotice sent = Notices.completed(job(JobOrigin.API, OURS, THEIRS, JobStatus.SUCCEEDED), Notices.Destination.ELSEWHERE, null, T);
    FaxNotice failed = Notices.completed(job(JobOrigin.API, OURS, THEIRS, JobStatus.CANCELLED), Notices.Destination.ELSEWHERE, null, T);
    assertThat(sent.event()).isEqualTo(NoticeEvent.SENT);
    assertThat(sent.remoteCsid()).isEqualTo("FAR");
    assertThat(failed.event()).isEqualTo(NoticeEvent.SEND_FAILED);
    assertThat(failed.status()).isEqualTo("CANCELLED");
    assertThat(Notices.receiptNumber(sent)).isEqualTo(OURS);
  }

  @Test
  void anInboundJobToOurNumberIsAReceivedFaxReportedToThatNumber() {
    FaxNotice received = Notices.completed(job(JobOrigin.INBOUND, THEIRS, OURS, JobStatus.SUCCEEDED), Notices.Destination.OWN_NUMBER, null, T);
    FaxNotice undelivered = Notices.completed(job(JobOrigin.INBOUND, THEIRS, OURS, JobStatus.FAILED), Notices.Destination.OWN_NUMBER, null, T);
    FaxNotice relayedOut = Notices.completed(job(JobOrigin.INBOUND, OURS, THEIRS, JobStatus.SUCCEEDED), Notices.Destination.ELSEWHERE, null, T);
    assertThat(received.event()).isEqualTo(NoticeEvent.RECEIVED);
    assertThat(Notices.receiptNumber(received)).isEqualTo(OURS);
    assertThat(undelivered.event()).isEqualTo(NoticeEvent.RECEIVED_UNDELIVERED);
    assertThat(relayedOut.event()).as("a tenant PBX sending out through us").isEqualTo(NoticeEvent.SENT);
    assertThat(Notices.receiptNumber(relayedOut)).isEqualTo(OURS);
  }

  @Test
  void aFailedReceptionIsReportedToTheCalledNumber() {
    FaxResult r = FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "no fax tone");
    FaxNotice n = Notices.receptionFailed(new InboundReceived(UUID.randomUUID(), "7", THEIRS, OURS, "carrier", null,
        r, T), T.plusSeconds(40));
    assertThat(n.event()).isEqualTo(NoticeEvent.RECEPTION_FAILED);
    assertThat(n.success()).isFalse();
    assertThat(n.reason()).isEqualTo("no fax tone");
    assertThat(Notices.receiptNumber(n)).isEqualTo(OURS);
    assertThat(planner.plan(n, "email_full_failure->ops@x.test", null).tasks()).hasSize(1);
  }
}
