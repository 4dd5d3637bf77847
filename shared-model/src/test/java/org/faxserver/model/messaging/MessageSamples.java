package org.faxserver.model.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.PageResult;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.job.CallKill;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.job.PriorityGroup;

/** One fixed sample per message, matching the files in {@code src/test/resources/golden/}. */
final class MessageSamples {

  static final UUID MESSAGE_ID = UUID.fromString("6f1c1f9e-3b0a-4a57-9d51-0c2f0d4e8a11");
  static final UUID JOB_ID = UUID.fromString("0b7e7c1a-5d0e-4a3b-8a6f-2b1d9c4e7f20");
  static final UUID ATTEMPT_ID = UUID.fromString("a3c9e0d2-7f41-4b8e-9c15-5e6d7a8b9c30");
  static final UUID CALL_ID = UUID.fromString("c51e2f70-1a2b-4c3d-8e9f-0a1b2c3d4e40");
  static final Instant AT = Instant.parse("2026-11-26T07:00:00Z");

  static final PhoneNumber TENANT_NUMBER = PhoneNumber.ofE164("+15551234567");
  static final PhoneNumber REMOTE = PhoneNumber.ofE164("+442079460958");
  static final DocumentRef TIFF = DocumentRef.tiff("tenant-7/2026/11/0b7e7c1a.tif");
  static final JobOptions OPTIONS =
      new JobOptions("ACME Corp", "+1 555 123 4567", Map.of("invoice", "2026-0042"), "idem-42");
  static final EndpointRef CARRIER = EndpointRef.gateway("ep-1", "carrier-a").withMaxConcurrentCalls(4);
  static final EndpointRef CARRIER_B = EndpointRef.gateway("ep-2", "carrier-b");
  static final EndpointRef HOOK = EndpointRef.webhook("ep-9", "https://hooks.example.com/fax");
  static final DeliveryPlan PLAN =
      DeliveryPlan.of(PriorityGroup.of(10, CARRIER, CARRIER_B), PriorityGroup.of(999, HOOK));

  static final FaxResult SENT =
      new FaxResult(
          true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "REMOTE CSID", "+1 555 123 4567",
          14400, true, T38Status.NEGOTIATED, 0, 1,
          List.of(
              new PageResult(1, 0, 0, "T.4 2-D", "8031x7700", "1728x2292", 31722),
              new PageResult(2, 0, 0, "T.4 2-D", "8031x7700", "1728x2292", 28113)));

  private MessageSamples() {}

  /** A sample: golden file name, payload class, and the envelope it must equal. */
  record Sample(String file, Class<?> payloadType, Envelope<?> envelope) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Sample> all() {
    return List.of(
        sample("job.submitted.json", JobSubmitted.TYPE, JobSubmitted.VERSION, jobSubmitted()),
        sample("job.routed.json", JobRouted.TYPE, JobRouted.VERSION, JobRouted.of(jobSubmitted(), PLAN)),
        sample("job.routed.rejected.json", JobRouted.TYPE, JobRouted.VERSION,
            JobRouted.rejected(jobSubmitted(), "caller id +15551234567 is not a number of tenant tenant-7")),
        sample("fax.originate.json", OriginateFax.TYPE, OriginateFax.VERSION, originate()),
        sample("attempt.progress.json", AttemptProgress.TYPE, AttemptProgress.VERSION, progress()),
        sample("attempt.finished.json", AttemptFinished.TYPE, AttemptFinished.VERSION, finished()),
        sample("route.inbound.json", InboundRouteRequest.TYPE, InboundRouteRequest.VERSION,
            routeRequest(), CALL_ID.toString()),
        sample("route.inbound.decision.accept.json", InboundRouteDecision.TYPE,
            InboundRouteDecision.VERSION,
            InboundRouteDecision.accept(CALL_ID, "tenant-7", TENANT_NUMBER, T38Policy.OFF, "ACME FAX"),
            CALL_ID.toString()),
        sample("route.inbound.decision.relay.json", InboundRouteDecision.TYPE,
            InboundRouteDecision.VERSION,
            InboundRouteDecision.relayOut(CALL_ID, "tenant-7", REMOTE, T38Policy.OFF, null),
            CALL_ID.toString()),
        sample("route.inbound.decision.reject.json", InboundRouteDecision.TYPE,
            InboundRouteDecision.VERSION,
            InboundRouteDecision.reject(CALL_ID, 404, "number not assigned"),
            CALL_ID.toString()),
        sample("inbound.received.json", InboundReceived.TYPE, InboundReceived.VERSION, received(),
            CALL_ID.toString()),
        sample("deliver.webhook.json", DeliverWebhook.TYPE, DeliverWebhook.VERSION, webhook()),
        sample("deliver.email.json", DeliverEmail.TYPE, DeliverEmail.VERSION, email()),
        sample("delivery.finished.json", DeliveryFinished.TYPE, DeliveryFinished.VERSION,
            DeliveryFinished.failed(ATTEMPT_ID, JOB_ID, "ep-9", EndpointKind.WEBHOOK, true, 503,
                "HTTP 503")),
        sample("job.status.json", JobStatusChanged.TYPE, JobStatusChanged.VERSION,
            new JobStatusChanged(JOB_ID, "tenant-7", JobStatus.WAITING_RETRY, 1,
                Instant.parse("2026-11-26T07:05:00Z"), "USER_BUSY, retry 2 of 3")),
        sample("job.completed.json", JobCompleted.TYPE, JobCompleted.VERSION, completed()),
        sample("directory.changed.json", DirectoryChanged.TYPE, DirectoryChanged.VERSION,
            DirectoryChanged.updated(DirectoryEntity.NUMBER, "num-15"), null),
        sample("directory.changed.reload.json", DirectoryChanged.TYPE, DirectoryChanged.VERSION,
            DirectoryChanged.reloadAll(), null),
        sample("job.cancel.json", JobCancel.TYPE, JobCancel.VERSION,
            new JobCancel(JOB_ID, "tenant-7", "user-3", "sent to the wrong number")),
        sample("delivery.redeliver.json", DeliveryRedeliver.TYPE, DeliveryRedeliver.VERSION,
            new DeliveryRedeliver(UUID.fromString("d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6"), "admin"), null),
        sample("call.kill.json", CallKill.TYPE, CallKill.VERSION,
            new CallKill(ATTEMPT_ID, JOB_ID, "carrier-a", "attempt deadline passed")),
        sample("fallback.set.json", FallbackChange.SET_TYPE, FallbackChange.VERSION,
            FallbackChange.listed(REMOTE, AT), null),
        sample("override.set.json", OverrideChange.SET_TYPE, OverrideChange.VERSION,
            new OverrideChange(REMOTE, "fax_enable_t38", "false"), null));
  }

  private static Sample sample(String file, String type, int version, Object payload) {
    return sample(file, type, version, payload, JOB_ID.toString());
  }

  private static Sample sample(
      String file, String type, int version, Object payload, String correlationId) {
    return new Sample(
        file, payload.getClass(), new Envelope<>(MESSAGE_ID, type, version, AT, correlationId, payload));
  }

  static JobSubmitted jobSubmitted() {
    return new JobSubmitted(JOB_ID, "tenant-7", "user-3", TENANT_NUMBER, REMOTE, TIFF, 2, OPTIONS);
  }

  private static OriginateFax originate() {
    return new OriginateFax(
        ATTEMPT_ID, JOB_ID, 1, "carrier-a", REMOTE, TENANT_NUMBER, "ACME Corp", TIFF,
        new FaxSettings(T38Policy.REQUEST, true, false, "+1 555 123 4567", "ACME Corp"),
        Instant.parse("2026-11-26T07:15:00Z"), Map.of("absolute_codec_string", "PCMU"));
  }

  private static AttemptProgress progress() {
    return new AttemptProgress(
        ATTEMPT_ID, JOB_ID, ProgressStage.PAGE_TRANSFERRED,
        new Negotiation(14400, true, T38Status.NEGOTIATED, "REMOTE CSID"), 1, 2);
  }

  private static AttemptFinished finished() {
    return new AttemptFinished(
        ATTEMPT_ID, JOB_ID, "carrier-a", AttemptEnd.FAX_COMPLETED, SENT,
        Instant.parse("2026-11-26T06:58:00Z"), Instant.parse("2026-11-26T06:58:09Z"), null);
  }

  private static InboundRouteRequest routeRequest() {
    return new InboundRouteRequest(
        CALL_ID, REMOTE, "London Office", TENANT_NUMBER, null, "carrier-a", "198.51.100.7");
  }

  private static InboundReceived received() {
    return new InboundReceived(
        CALL_ID, "tenant-7", REMOTE, TENANT_NUMBER, "carrier-a",
        DocumentRef.tiff("tenant-7/in/c51e2f70.tif"), SENT, Instant.parse("2026-11-26T06:58:09Z"));
  }

  private static DeliverWebhook webhook() {
    return new DeliverWebhook(
        ATTEMPT_ID, JOB_ID, "tenant-7", "ep-9", "https://hooks.example.com/fax", TIFF, REMOTE,
        TENANT_NUMBER, 2, Map.of("invoice", "2026-0042"));
  }

  private static DeliverEmail email() {
    return new DeliverEmail(
        ATTEMPT_ID, JOB_ID, "tenant-7", "ep-10", List.of("fax@acme.example", "ops@acme.example"),
        TIFF, null, TENANT_NUMBER, 2, Map.of());
  }

  private static JobCompleted completed() {
    AttemptSummary busy =
        new AttemptSummary(
            UUID.fromString("a3c9e0d2-7f41-4b8e-9c15-5e6d7a8b9c2f"), 1, CARRIER,
            Instant.parse("2026-11-26T06:50:00Z"), Instant.parse("2026-11-26T06:50:04Z"), false,
            FaxResult.notStarted(HangupCause.USER_BUSY, "USER_BUSY"), "USER_BUSY");
    AttemptSummary sent =
        new AttemptSummary(
            ATTEMPT_ID, 2, CARRIER, Instant.parse("2026-11-26T06:58:00Z"), AT, true, SENT, null);
    return new JobCompleted(
        JOB_ID, "tenant-7", JobOrigin.API, "user-3", TENANT_NUMBER, REMOTE, 2, JobStatus.SUCCEEDED,
        null, List.of(busy, sent), TIFF);
  }
}
