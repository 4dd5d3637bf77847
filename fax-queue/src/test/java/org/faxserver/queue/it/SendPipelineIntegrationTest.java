package org.faxserver.queue.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.failedResult;
import static org.faxserver.queue.support.QueueFixtures.planOf;
import static org.faxserver.queue.support.QueueFixtures.sentResult;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.CallKill;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.attempt.application.FinishingAttempts;
import org.faxserver.queue.support.QueueFixtures;
import org.faxserver.support.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;

/** The send pipeline through the real broker and database: job.routed in, fax.originate out, and on. */
class SendPipelineIntegrationTest extends QueueContextTest {

  @Autowired RabbitListenerEndpointRegistry listeners;
  @Autowired FinishingAttempts finishing;

  @Test
  void aRoutedJobIsOriginatedAndCompletesWhenTheAttemptSucceeds() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));

    OriginateFax originate = originate(jobId, 1);
    answer(originate, AttemptEnd.FAX_COMPLETED, sentResult());
    JobCompleted completed = broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

    assertThat(originate.gateway()).isEqualTo("gw1");
    assertThat(originate.fax().ecm()).as("ECM requested by default").isTrue();
    assertThat(originate.fax().t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(originate.deadline()).isAfter(java.time.Instant.now());
    assertThat(completed.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(completed.document()).as("the job's document, for receipts that attach the fax")
        .isEqualTo(DocumentRef.tiff("tenant-7/" + jobId + ".tif")).isEqualTo(originate.document());
    assertThat(completed.attempts()).singleElement().satisfies(a -> {
      assertThat(a.attemptId()).isEqualTo(originate.attemptId());
      assertThat(a.success()).isTrue();
      assertThat(a.result().remoteStationId()).isEqualTo("REMOTE");
    });
    assertThat(jobStatus(jobId)).isEqualTo("SUCCEEDED");
    assertThat(db.sql("SELECT pages_sent, pages_total, attempt_count FROM queue.job_view WHERE job_id = :id")
        .bind("id", jobId).fetch().one().block())
        .containsEntry("pages_sent", 2).containsEntry("pages_total", 2).containsEntry("attempt_count", 1);
    assertThat(attemptView(originate.attemptId())).containsEntry("t30_code", 0).containsEntry("bit_rate", 14400)
        .containsEntry("remote_csid", "REMOTE");
  }

  @Test
  void busyIsRetriedAfterTheDelayWithV17OffAfterANegotiationAndASuccessEndsThePlan() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1")), PriorityGroup.of(2, aGateway("gw2"))));

    answer(originate(jobId, 1), AttemptEnd.FAX_COMPLETED, failedResult(1, 0));
    OriginateFax second = originate(jobId, 2);
    answer(second, AttemptEnd.FAX_COMPLETED, sentResult());
    broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

    assertThat(second.gateway()).isEqualTo("gw1");
    assertThat(second.fax().v17Disabled()).isTrue();
    assertNoMoreOriginates(jobId, 2);
  }

  @Test
  void aFailedResponseCauseMovesToTheNextGatewayAtOnce() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"), aGateway("gw2"))));

    answer(originate(jobId, 1), AttemptEnd.ORIGINATE_FAILED,
        FaxResult.notStarted(HangupCause.UNALLOCATED_NUMBER, "UNALLOCATED_NUMBER"));
    OriginateFax second = originate(jobId, 2);

    assertThat(second.gateway()).isEqualTo("gw2");
  }

  @Test
  void anEmptyPlanFailsAtOnceWithAReason() {
    UUID jobId = route(DeliveryPlan.none());

    JobCompleted completed = broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

    assertThat(completed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(completed.reason()).contains("no delivery plan");
    assertThat(completed.document()).isEqualTo(DocumentRef.tiff("tenant-7/" + jobId + ".tif"));
    assertThat(errorType(jobId)).isEqualTo("NO_ROUTE");
  }

  @Test
  void aRedeliveredJobRoutedIsStoredAndStartedOnce() {
    JobRouted job = QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    route(job);
    route(job); // same job id, new message id: the router published twice

    originate(job.jobId(), 1);
    assertNoMoreOriginates(job.jobId(), 1);
  }

  @Test
  void aLateDuplicateFinishedNeverChangesAFinishedJob() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    OriginateFax originate = originate(jobId, 1);
    answer(originate, AttemptEnd.FAX_COMPLETED, sentResult());
    broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

    answer(originate, AttemptEnd.CALL_DROPPED, FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "late"));

    assertNoMoreOriginates(jobId, 1);
    assertThat(jobStatus(jobId)).isEqualTo("SUCCEEDED");
    assertThat(broker.all(JobCompleted.class, c -> c.jobId().equals(jobId))).hasSize(1);
  }

  @Test
  void reportsHandledTogetherAreEachAppliedToTheirJobAndAnAttemptsFirstReportWins() {
    // gateways of its own, so that other tests' live calls do not count against their limit, nor these against gw1's
    UUID succeeding = route(planOf(PriorityGroup.of(1, aGateway("batch-1"))));
    UUID movingOn = route(planOf(PriorityGroup.of(1, aGateway("batch-1"), aGateway("batch-2"))));
    UUID stillLive = route(planOf(PriorityGroup.of(1, aGateway("batch-1"))));
    OriginateFax first = originate(succeeding, 1);
    OriginateFax unallocated = originate(movingOn, 1);
    OriginateFax live = originate(stillLive, 1);
    OriginateFax unknown = new OriginateFax(UUID.randomUUID(), UUID.randomUUID(), 1, "batch-1", live.destination(),
        live.callerIdNumber(), null, live.document(), live.fax(), live.deadline(), live.overrides());

    Boolean due = finishing.callsFinished(List.of(
        finished(first, AttemptEnd.FAX_COMPLETED, sentResult()),
        finished(unknown, AttemptEnd.FAX_COMPLETED, sentResult()),
        finished(unallocated, AttemptEnd.ORIGINATE_FAILED,
            FaxResult.notStarted(HangupCause.UNALLOCATED_NUMBER, "UNALLOCATED_NUMBER")),
        finished(first, AttemptEnd.CALL_DROPPED, FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "late"))))
        .block();

    assertThat(due).as("the second job's next gateway is due at once").isTrue();
    JobCompleted completed = broker.await(JobCompleted.class, c -> c.jobId().equals(succeeding));
    assertThat(completed.status()).as("the first report of an attempt is the one applied").isEqualTo(JobStatus.SUCCEEDED);
    assertThat(completed.attempts()).singleElement().satisfies(a -> {
      assertThat(a.attemptId()).isEqualTo(first.attemptId());
      assertThat(a.result().remoteStationId()).isEqualTo("REMOTE");
    });
    assertThat(attemptView(first.attemptId())).containsEntry("t30_code", 0).containsEntry("remote_csid", "REMOTE");
    assertThat(db.sql("SELECT pages_sent FROM queue.job_view WHERE job_id = :id").bind("id", succeeding)
        .fetch().one().block()).containsEntry("pages_sent", 2);
    assertThat(originate(movingOn, 2).gateway()).isEqualTo("batch-2");
    assertThat(jobStatus(stillLive)).isEqualTo("IN_PROGRESS");
    assertNoMoreOriginates(succeeding, 1);
    assertNoMoreOriginates(stillLive, 1);
  }

  @Test
  void cancelKillsTheLiveCallAndCompletesTheJobCancelled() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    OriginateFax originate = originate(jobId, 1);

    broker.sendTo(names.jobCancel(), Envelope.of(JobCancel.TYPE, 1, jobId.toString(),
        new JobCancel(jobId, "tenant-7", "user-3", "no longer needed"), Clock.systemUTC()));
    CallKill kill = broker.await(CallKill.class, k -> k.jobId().equals(jobId));
    answer(originate, AttemptEnd.CALL_DROPPED, FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "killed"));
    JobCompleted completed = broker.await(JobCompleted.class, c -> c.jobId().equals(jobId));

    assertThat(kill.attemptId()).isEqualTo(originate.attemptId());
    assertThat(kill.gateway()).isEqualTo("gw1");
    assertThat(completed.status()).isEqualTo(JobStatus.CANCELLED);
    assertNoMoreOriginates(jobId, 1);
  }

  @Test
  void aStuckAttemptIsKilledAndRetriedOnlyAfterReconciliation() {
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    OriginateFax first = originate(jobId, 1);

    sql("UPDATE queue.attempt SET deadline = now() - interval '1 hour' WHERE attempt_id = '" + first.attemptId() + "'");
    broker.await(CallKill.class, k -> k.attemptId().equals(first.attemptId()));
    assertNoMoreOriginates(jobId, 1);
    sql("UPDATE queue.attempt SET kill_requested_at = now() - interval '1 hour' WHERE attempt_id = '"
        + first.attemptId() + "'");
    OriginateFax second = originate(jobId, 2);

    assertThat(second.attemptId()).isNotEqualTo(first.attemptId());
    assertThat(attemptView(first.attemptId())).containsEntry("end_kind", "WATCHDOG");
  }

  @Test
  void aLearnedFallbackTurnsT38OffAndStoredOverridesReachTheOriginate() {
    PhoneNumber destination = aUniqueNumber();
    broker.sendTo(names.overrideSet(), Envelope.of(OverrideChange.SET_TYPE, 1, null,
        new OverrideChange(destination, "absolute_codec_string", "PCMU"), Clock.systemUTC()));
    broker.await(OverrideChange.class, c -> c.destination().equals(destination));
    UUID jobId = route(new JobRouted(UUID.randomUUID(), "tenant-7", org.faxserver.model.job.JobOrigin.API, "u",
        QueueFixtures.SENDER, destination, org.faxserver.model.DocumentRef.tiff("t/x.tif"), 1, null,
        planOf(PriorityGroup.of(1, aGateway("gw1")))));

    OriginateFax first = originate(jobId, 1);
    answer(first, AttemptEnd.FAX_COMPLETED, failedResult(2, 0));
    FallbackChange learned = broker.await(FallbackChange.class, c -> c.number().equals(destination));
    OriginateFax second = originate(jobId, 2);

    assertThat(first.overrides()).isEqualTo(Map.of("absolute_codec_string", "PCMU"));
    assertThat(first.fax().t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(learned.listed()).isTrue();
    assertThat(second.fax().t38()).isEqualTo(T38Policy.OFF);
  }

  @Test
  void aGatewayAtItsCallLimitMakesTheNextJobWait() {
    UUID first = route(planOf(PriorityGroup.of(1, aGateway("gw-limited"))));
    OriginateFax running = originate(first, 1);
    UUID second = route(planOf(PriorityGroup.of(1, aGateway("gw-limited"))));

    assertNoMoreOriginates(second, 0);
    answer(running, AttemptEnd.FAX_COMPLETED, sentResult());

    assertThat(originate(second, 1).gateway()).isEqualTo("gw-limited");
  }

  @Test
  void anUnhealthyGatewayIsSkippedForTheNextEndpoint() {
    String sick = "gw-sick-" + UUID.randomUUID();
    UUID jobId = route(planOf(PriorityGroup.of(1, aGateway(sick), aGateway("gw-ok"))));

    answer(originate(jobId, 1), AttemptEnd.ORIGINATE_FAILED, FaxResult.notStarted(HangupCause.GATEWAY_DOWN, "down"));
    answer(originate(jobId, 2), AttemptEnd.ORIGINATE_FAILED, FaxResult.notStarted(HangupCause.GATEWAY_DOWN, "down"));
    OriginateFax third = originate(jobId, 3);

    assertThat(third.gateway()).as("breaker open after 2 gateway failures; retry_attempts would allow a 3rd")
        .isEqualTo("gw-ok");
  }

  @Test
  void aJobThatCannotBeStartedIsPushedBackWithoutBlockingTheOthers() {
    UUID broken = UUID.randomUUID();
    sql("INSERT INTO queue.job (job_id, tenant_id, origin, to_number, document_key, document_media_type, pages, "
        + "options, plan, status, next_attempt_at, created_at, updated_at) VALUES ('" + broken + "', 't', 'API', "
        + "'+15550000000', 'k', 'image/tiff', 1, '{}', '{\"groups\":[{\"priority\":1,\"endpoints\":[]}]}', "
        + "'QUEUED', now() - interval '1 hour', now(), now())");
    UUID healthy = route(planOf(PriorityGroup.of(1, aGateway("gw1"))));

    originate(healthy, 1);

    await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
            "SELECT next_attempt_at > now() + interval '30 seconds' AS later FROM queue.job WHERE job_id = :id")
        .bind("id", broken).map(row -> row.get("later", Boolean.class)).one().block());
  }

  @Test
  void aPoisonMessageIsParkedNotLooped() {
    broker.sendRaw(names.jobRouted(), "{\"type\":\"job.routed\",\"payload\":42}".getBytes(StandardCharsets.UTF_8),
        UUID.randomUUID().toString(), "job.routed");

    await().atMost(Duration.ofSeconds(10))
        .until(() -> broker.messageCount(Topology.parkingQueueName(names.jobRouted())) >= 1);
  }

  @Test
  void aJobThatCannotBeStoredIsParkedAndTheOthersOfItsBatchAreAccepted() {
    JobRouted before = QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    JobRouted after = QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    JobRouted good = QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    // Readable, but PostgreSQL takes no NUL in text: the statement that stores it fails.
    JobRouted poison = new JobRouted(UUID.randomUUID(), good.tenantId(), good.origin(), "user\u0000-3", good.from(),
        good.to(), good.document(), good.pages(), good.options(), good.plan());
    String parking = Topology.parkingQueueName(names.jobRouted());
    long parkedBefore = broker.messageCount(parking);

    // Sent while the consumers are stopped, so that one of them finds all three waiting.
    stopped(names.jobRouted(), () -> {
      route(before);
      route(poison);
      route(after);
    });

    originate(before.jobId(), 1);
    originate(after.jobId(), 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount(parking) == parkedBefore + 1);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> broker.messageCount(parking) == parkedBefore + 1);
    assertThat(db.sql("SELECT count(*) AS n FROM queue.job WHERE job_id = :id").bind("id", poison.jobId())
        .map(row -> row.get("n", Long.class)).one().block()).isZero();
  }

  @Test
  void aFinishedReportThatCannotBeStoredIsParkedAndTheOthersOfItsBatchAreHandled() {
    // a gateway of its own: calls other tests leave live count against gw1's limit
    UUID before = route(planOf(PriorityGroup.of(1, aGateway("gw-finishing"))));
    UUID poisoned = route(planOf(PriorityGroup.of(1, aGateway("gw-finishing"))));
    UUID after = route(planOf(PriorityGroup.of(1, aGateway("gw-finishing"))));
    OriginateFax beforeCall = originate(before, 1);
    OriginateFax poisonedCall = originate(poisoned, 1);
    OriginateFax afterCall = originate(after, 1);
    FaxResult sent = sentResult();
    // Readable, but PostgreSQL takes no NUL in text: the statement that ends the attempt fails.
    FaxResult poison = new FaxResult(true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "REMO\u0000TE", "LOCAL",
        14400, true, sent.t38Status(), 0, 1, sent.pages());
    String parking = Topology.parkingQueueName(names.attemptFinished());
    long parkedBefore = broker.messageCount(parking);

    // Sent while the consumers are stopped, so that one of them finds all three waiting.
    stopped(names.attemptFinished(), () -> {
      answer(beforeCall, AttemptEnd.FAX_COMPLETED, sent);
      answer(poisonedCall, AttemptEnd.FAX_COMPLETED, poison);
      answer(afterCall, AttemptEnd.FAX_COMPLETED, sent);
    });

    broker.await(JobCompleted.class, c -> c.jobId().equals(before));
    broker.await(JobCompleted.class, c -> c.jobId().equals(after));
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount(parking) == parkedBefore + 1);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> broker.messageCount(parking) == parkedBefore + 1);
    assertThat(jobStatus(before)).isEqualTo("SUCCEEDED");
    assertThat(jobStatus(after)).isEqualTo("SUCCEEDED");
    assertThat(jobStatus(poisoned)).as("its call still live, for the watchdog and reconciliation").isEqualTo("IN_PROGRESS");
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Runs {@code sending} while the consumers of {@code queue} are stopped. */
  private void stopped(String queue, Runnable sending) {
    MessageListenerContainer consumers = listeners.getListenerContainers().stream()
        .filter(c -> c instanceof AbstractMessageListenerContainer a && List.of(a.getQueueNames()).contains(queue))
        .findFirst().orElseThrow();
    consumers.stop();
    try {
      sending.run();
    } finally {
      consumers.start();
    }
  }

  private void assertNoMoreOriginates(UUID jobId, int expected) {
    // The scheduler polls every 100 ms and the retry delay is 2 s: 2.5 s without a new originate is
    // enough to see one that should not be there.
    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
        .until(() -> originates(jobId) == expected);
  }

  private void sql(String statement) {
    db.sql(statement).then().block();
  }

  private String errorType(UUID jobId) {
    return db.sql("SELECT error_type FROM queue.job_view WHERE job_id = :id").bind("id", jobId)
        .map(row -> row.get("error_type", String.class)).one().block();
  }

  private Map<String, Object> attemptView(UUID attemptId) {
    return db.sql("SELECT * FROM queue.attempt_view WHERE attempt_id = :id").bind("id", attemptId)
        .fetch().one().block();
  }
}
