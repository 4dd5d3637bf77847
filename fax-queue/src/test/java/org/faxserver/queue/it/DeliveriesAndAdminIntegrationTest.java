package org.faxserver.queue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.planOf;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.support.QueueFixtures;
import org.faxserver.support.PeriodicCounts;
import org.faxserver.support.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Webhook/email endpoints, progress for the views, and admin changes to the fallback list. */
class DeliveriesAndAdminIntegrationTest extends QueueContextTest {

  @Autowired PeriodicCounts queueDepth;
  @Autowired MeterRegistry registry;

  @Test
  void aFailedWebhookDeliveryAdvancesThePlanToTheGateway() {
    EndpointRef hook = new EndpointRef("ep-hook", EndpointKind.WEBHOOK, "https://example.test/fax");
    UUID jobId = route(planOf(PriorityGroup.of(1, hook), PriorityGroup.of(2, aGateway("gw1"))));

    DeliverWebhook delivery = broker.await(DeliverWebhook.class, d -> d.jobId().equals(jobId));
    deliveryFinished(DeliveryFinished.failed(delivery.attemptId(), jobId, "ep-hook", EndpointKind.WEBHOOK, false,
        410, "HTTP 410"));
    OriginateFax originate = originate(jobId, 2);

    assertThat(delivery.url()).isEqualTo("https://example.test/fax");
    assertThat(originate.gateway()).isEqualTo("gw1");
  }

  @Test
  void theQueueDepthGaugeCountsAJobWhoseAttemptIsUnderWay() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    originate(jobId, 1);

    queueDepth.countNow().block();

    assertThat(registry.get("faxserver.queue.depth").tag("state", "in_progress").gauge().value()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("faxserver.queue.depth").gauges()).extracting(g -> g.getId().getTag("state"))
        .containsExactlyInAnyOrder("queued", "waiting_retry", "in_progress");
  }

  @Test
  void aDeliveredEmailEndsThePlan() {
    EndpointRef mail = new EndpointRef("ep-mail", EndpointKind.EMAIL, "a@example.test, b@example.test");
    UUID jobId = route(planOf(PriorityGroup.of(1, mail), PriorityGroup.of(2, aGateway("gw1"))));

    DeliverEmail delivery = broker.await(DeliverEmail.class, d -> d.jobId().equals(jobId));
    deliveryFinished(DeliveryFinished.delivered(delivery.attemptId(), jobId, "ep-mail", EndpointKind.EMAIL, null));
    JobCompleted completed = broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

    assertThat(delivery.recipients()).containsExactly("a@example.test", "b@example.test");
    assertThat(completed.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(originates(jobId)).isZero();
  }

  @Test
  void progressIsVisibleInTheViews() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    OriginateFax originate = originate(jobId, 1);

    // Sent back to back, so usually written together (one statement for the latest of each attempt): either way
    // the views show what the reports would have written one by one.
    progress(new AttemptProgress(originate.attemptId(), jobId, ProgressStage.ANSWERED, null, 0, 2));
    progress(new AttemptProgress(originate.attemptId(), jobId, ProgressStage.NEGOTIATED,
        new Negotiation(9600, true, T38Status.NEGOTIATED, "FAR END"), 0, null));
    progress(new AttemptProgress(originate.attemptId(), jobId, ProgressStage.PAGE_TRANSFERRED, null, 1, null));

    await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(1).equals(
        db.sql("SELECT pages_sent FROM queue.job_view WHERE job_id = :id").bind("id", jobId)
            .map(row -> row.get("pages_sent", Integer.class)).one().block()));
    var attempt = db.sql("SELECT * FROM queue.attempt_view WHERE attempt_id = :id").bind("id", originate.attemptId())
        .fetch().one().block();
    assertThat(attempt).containsEntry("bit_rate", 9600).containsEntry("remote_csid", "FAR END")
        .containsEntry("t38_status", "NEGOTIATED").containsEntry("pages_total", 2).containsEntry("pages_sent", 1);
  }

  @Test
  void aProgressBatchThatCannotBeReadIsParkedNotDropped() {
    broker.sendRaw(names.attemptProgress(),
        "{\"type\":\"attempt.progress\",\"payload\":42}".getBytes(StandardCharsets.UTF_8),
        UUID.randomUUID().toString(), "attempt.progress");

    await().atMost(Duration.ofSeconds(10))
        .until(() -> broker.messageCount(Topology.parkingQueueName(names.attemptProgress())) >= 1);
  }

  @Test
  void anAdminFallbackEntryTurnsT38OffAndItsRemovalIsPublished() {
    PhoneNumber number = aUniqueNumber();
    broker.sendTo(names.fallbackSet(), Envelope.of(FallbackChange.SET_TYPE, 1, null,
        FallbackChange.listed(number, null), Clock.systemUTC()));
    FallbackChange listed = broker.await(FallbackChange.class, c -> c.number().equals(number) && c.listed());

    UUID jobId = route(new JobRouted(UUID.randomUUID(), "tenant-7", JobOrigin.API, "u", QueueFixtures.SENDER,
        number, DocumentRef.tiff("t/y.tif"), 1, null, planOf(PriorityGroup.of(1, aGateway("gw1")))));
    OriginateFax originate = originate(jobId, 1);
    broker.sendTo(names.fallbackRemove(), Envelope.of(FallbackChange.REMOVE_TYPE, 1, null,
        FallbackChange.removed(number), Clock.systemUTC()));
    broker.await(FallbackChange.class, c -> c.number().equals(number) && !c.listed());

    assertThat(listed.since()).as("unix time for mod_db").isNotNull();
    assertThat(originate.fax().t38()).isEqualTo(T38Policy.OFF);
  }

  private void progress(AttemptProgress progress) {
    broker.sendTo(names.attemptProgress(), Envelope.of(AttemptProgress.TYPE, 1, progress.jobId().toString(), progress,
        Clock.systemUTC()));
  }

  private void deliveryFinished(DeliveryFinished finished) {
    broker.sendTo(names.deliveryFinished(), Envelope.of(DeliveryFinished.TYPE, 1, finished.jobId().toString(),
        finished, Clock.systemUTC()));
  }
}
