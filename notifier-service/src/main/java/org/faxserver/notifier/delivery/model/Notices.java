package org.faxserver.notifier.delivery.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobStatus;

/** Turns shared-model messages into {@link FaxNotice}s. */
public final class Notices {

  private Notices() {}

  /** A fax document for an email/webhook endpoint of a plan. */
  public static FaxNotice document(UUID jobId, String tenantId, PhoneNumber from, PhoneNumber to, int pages,
      DocumentRef document, Map<String, String> labels, Instant occurredAt) {
    return new FaxNotice(NoticeEvent.DOCUMENT, jobId, tenantId, from, to, pages, true, "DELIVERING", null, null,
        document, occurredAt, labels, List.of());
  }

  /** Whose number a finished job was sent to. */
  public enum Destination {
    /** One of the job's tenant's numbers. */
    OWN_NUMBER,
    /** A number of another tenant here: the job went to that tenant's endpoints. */
    ANOTHER_TENANTS_NUMBER,
    /** No number of this system. */
    ELSEWHERE
  }

  /** A failure's reason as the sender of a fax to another tenant's number reads it. */
  public static final String ANOTHER_TENANTS_DELIVERY_FAILED = "delivery to this number failed";

  /**
   * The receipt content of a finished job. A relayed inbound fax whose destination is one of the
   * tenant's numbers is a received fax; everything else (API jobs, a PBX sending out through us) was sent. A fax
   * to another tenant's number went to that tenant's endpoints, so its receipt names none of them and quotes none
   * of their failures.
   *
   * @param document the job's document, if known; JobCompleted does not carry it
   */
  public static FaxNotice completed(JobCompleted job, Destination destination, DocumentRef document,
      Instant occurredAt) {
    boolean success = job.status() == JobStatus.SUCCEEDED;
    boolean received = job.origin() == JobOrigin.INBOUND && destination == Destination.OWN_NUMBER;
    NoticeEvent event = received
        ? (success ? NoticeEvent.RECEIVED : NoticeEvent.RECEIVED_UNDELIVERED)
        : (success ? NoticeEvent.SENT : NoticeEvent.SEND_FAILED);
    boolean othersEndpoints = destination == Destination.ANOTHER_TENANTS_NUMBER;
    List<FaxNotice.AttemptLine> lines = job.attempts().stream().map(a -> line(a, !othersEndpoints)).toList();
    // A cancel's reason names who cancelled, never an endpoint.
    String reason = othersEndpoints && job.reason() != null && job.status() == JobStatus.FAILED
        ? ANOTHER_TENANTS_DELIVERY_FAILED : job.reason();
    return new FaxNotice(event, job.jobId(), job.tenantId(), job.from(), job.to(), job.pages(), success,
        job.status().name(), reason, remoteCsid(job.attempts()), document, occurredAt, Map.of(), lines);
  }

  /** The number whose notify string applies: the receiving number for received faxes, else the sender's. */
  public static PhoneNumber receiptNumber(FaxNotice notice) {
    return switch (notice.event()) {
      case RECEIVED, RECEIVED_UNDELIVERED, RECEPTION_FAILED -> notice.to();
      default -> notice.from();
    };
  }

  /** A failed reception (a successful one is reported when its delivery job completes). */
  public static FaxNotice receptionFailed(InboundReceived call, Instant occurredAt) {
    FaxResult r = call.result();
    String reason = r.resultText() != null ? r.resultText() : r.hangupCause().name();
    FaxNotice.AttemptLine line = new FaxNotice.AttemptLine(1,
        "inbound" + (call.sourceGateway() == null ? "" : " from " + call.sourceGateway()), call.startedAt(),
        occurredAt, false, r.pagesTransferred(), r.transferRate(), r.remoteStationId(), reason);
    return new FaxNotice(NoticeEvent.RECEPTION_FAILED, call.callId(), call.tenantId(), call.caller(), call.callee(),
        r.pagesTransferred(), false, "RECEPTION_FAILED", reason, r.remoteStationId(), call.document(), occurredAt,
        Map.of(), List.of(line));
  }

  /**
   * An attempt's line; when the endpoint is not to be {@code named} (another tenant's), it reads "delivery" and the
   * result is the T.30 text only, not the attempt's own detail, which can name the endpoint.
   */
  static FaxNotice.AttemptLine line(AttemptSummary a, boolean named) {
    FaxResult r = a.result();
    String endpoint = !named ? "delivery"
        : a.endpoint().kind() == EndpointKind.GATEWAY ? "gateway " + a.endpoint().target()
        : a.endpoint().kind().name().toLowerCase(Locale.ROOT) + " #" + a.endpoint().endpointId();
    String result = named && a.detail() != null ? a.detail()
        : r != null && r.resultText() != null ? r.resultText() : a.success() ? "OK" : null;
    return new FaxNotice.AttemptLine(a.number(), endpoint, a.startedAt(), a.endedAt(), a.success(),
        r == null ? null : r.pagesTransferred(), r == null ? null : r.transferRate(),
        r == null ? null : r.remoteStationId(), result);
  }

  private static String remoteCsid(List<AttemptSummary> attempts) {
    String csid = null;
    for (AttemptSummary a : attempts) {
      if (a.result() != null && a.result().remoteStationId() != null && !a.result().remoteStationId().isBlank()) {
        csid = a.result().remoteStationId();
        if (a.success()) {
          break;
        }
      }
    }
    return csid;
  }
}
