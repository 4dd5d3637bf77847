package org.faxserver.queue.job.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.T0;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.aJobTo;
import static org.faxserver.queue.support.QueueFixtures.aWorkflow;
import static org.faxserver.queue.support.QueueFixtures.busy;
import static org.faxserver.queue.support.QueueFixtures.faxFailed;
import static org.faxserver.queue.support.QueueFixtures.originateFailed;
import static org.faxserver.queue.support.QueueFixtures.planOf;
import static org.faxserver.queue.support.QueueFixtures.sent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.attempt.model.AttemptSpec;
import org.faxserver.queue.attempt.model.StuckAttemptRule;
import org.faxserver.queue.gateway.model.GatewayAvailability;
import org.faxserver.queue.override.model.DialOverrides;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole plans driven through {@link JobWorkflow} with a test clock: every decision fax-queue makes about
 * a job, in the order the application makes them (the application only adds storage and messages).
 * Workflow: retry_attempts 3, retry_delay 5m, failed_response UNALLOCATED_NUMBER, V.17 off after 1
 * negotiation, ECM off after 2, softmodem fallback on.
 */
class DeliveryPlanScenariosTest {

  private final JobWorkflow workflow = aWorkflow();
  private final Set<PhoneNumber> fallbackList = new HashSet<>();
  private final Map<String, GatewayAvailability> gateways = new HashMap<>();
  private final Map<String, String> overrides = new HashMap<>();
  private final List<AttemptSpec> started = new ArrayList<>();
  private final List<JobEvent> events = new ArrayList<>();
  private Instant now;
  private Job job;

  @BeforeEach
  void clock() {
    now = T0;
  }

  @Test
  void busyThenSuccessOnRetryAfterTheConfiguredDelay() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));

    finish(startDue(), busy());
    assertThat(job.status()).isEqualTo(JobStatus.WAITING_RETRY);
    assertThat(job.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    advance(Duration.ofMinutes(4));
    assertThat(job.isDue(now)).isFalse();
    advance(Duration.ofMinutes(1));
    AttemptSpec retry = startDue();
    finish(retry, sent());

    assertThat(retry.endpoint().target()).isEqualTo("gw1");
    assertThat(retry.number()).isEqualTo(2);
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(events).containsOnlyOnce(new JobEvent.Ended(JobStatus.SUCCEEDED, null));
  }

  @Test
  void aFailedResponseCauseMovesToTheNextGatewayAtOnce() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"), aGateway("gw2"))));

    finish(startDue(), originateFailed(HangupCause.UNALLOCATED_NUMBER));

    assertThat(job.isDue(now)).as("no retry delay").isTrue();
    assertThat(startDue().endpoint().target()).isEqualTo("gw2");
  }

  @Test
  void gatewaysOfOnePriorityAreTriedOneAfterAnotherAndASuccessEndsThePlan() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"), aGateway("gw2")), PriorityGroup.of(2, aGateway("gw3"))));

    for (int i = 0; i < 3; i++) {
      AttemptSpec attempt = startDue();
      assertThat(job.isDue(now)).as("never a second call while one is live").isFalse();
      finish(attempt, originateFailed(HangupCause.NORMAL_TEMPORARY_FAILURE));
      advance(Duration.ofMinutes(5));
    }
    AttemptSpec onGw2 = startDue();
    finish(onGw2, sent());

    assertThat(started).extracting(a -> a.endpoint().target()).containsExactly("gw1", "gw1", "gw1", "gw2");
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.isDue(now.plus(Duration.ofDays(1)))).as("gw3 is never tried").isFalse();
  }

  @Test
  void aPlanWithOnlyFailuresEndsFailedWithATypedReason() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1")), PriorityGroup.of(2, aGateway("gw2"))));

    finish(startDue(), originateFailed(HangupCause.UNALLOCATED_NUMBER));
    finish(startDue(), originateFailed(HangupCause.UNALLOCATED_NUMBER));

    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.failure().type()).isEqualTo(FailureReason.Type.ALL_ENDPOINTS_FAILED);
    assertThat(job.failure().code()).isEqualTo("UNALLOCATED_NUMBER");
    assertThat(events).filteredOn(JobEvent.Ended.class::isInstance).hasSize(1);
  }

  @Test
  void anEmptyPlanFailsAtOnceWithAReason() {
    accept(DeliveryPlan.none());

    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.failure().type()).isEqualTo(FailureReason.Type.NO_ROUTE);
    assertThat(job.isDue(now)).isFalse();
  }

  @Test
  void aJobTheRouterRejectedFailsAtOnceWithTheRoutersReason() {
    var routed = aJobTo(DeliveryPlan.none());
    job = workflow.accept(new org.faxserver.model.job.JobRouted(routed.jobId(), routed.tenantId(), routed.origin(),
        routed.submittedBy(), routed.from(), routed.to(), routed.document(), routed.pages(), routed.options(),
        DeliveryPlan.none(), "caller id is not the tenant's"), now).job();

    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.failure()).isEqualTo(new FailureReason(FailureReason.Type.NO_ROUTE, "ROUTER_REJECTED",
        "caller id is not the tenant's"));
  }

  @Test
  void v17AndEcmGoOffOnTheConfiguredRetry() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));

    AttemptSpec first = startDue();
    finish(first, faxFailed(1, 0));
    advance(Duration.ofMinutes(5));
    AttemptSpec second = startDue();
    finish(second, faxFailed(1, 0));
    advance(Duration.ofMinutes(5));
    AttemptSpec third = startDue();

    assertThat(first.fax().v17Disabled()).isFalse();
    assertThat(first.fax().ecm()).as("ECM requested by default").isTrue();
    assertThat(second.fax().v17Disabled()).isTrue();
    assertThat(second.fax().ecm()).isTrue();
    assertThat(third.fax().ecm()).isFalse();
  }

  @Test
  void aLearnedFallbackTurnsT38OffForTheNextOriginate() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));

    AttemptSpec first = startDue();
    finish(first, faxFailed(2, 0));
    advance(Duration.ofMinutes(5));
    AttemptSpec second = startDue();

    assertThat(first.fax().t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(fallbackList).containsExactly(job.to());
    assertThat(second.fax().t38()).isEqualTo(T38Policy.OFF);
  }

  @Test
  void storedOverridesGoIntoTheOriginateButNeverReplaceTheAttemptIdNorRunCommands() {
    overrides.put("absolute_codec_string", "PCMU");
    overrides.put("origination_uuid", "hijack");
    overrides.put("api_on_answer", "system touch /tmp/x");
    overrides.put("fax_ident", "${system(id)}");
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));

    assertThat(startDue().overrides()).containsExactly(Map.entry("absolute_codec_string", "PCMU"));
  }

  @Test
  void aStuckAttemptIsKilledAndRetriedOnlyAfterReconciliation() {
    StuckAttemptRule stuck = new StuckAttemptRule(Duration.ofSeconds(30), Duration.ofMinutes(5));
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    AttemptSpec attempt = startDue();

    advance(Duration.ofMinutes(11));
    assertThat(stuck.verdict(attempt.deadline(), null, now)).isEqualTo(StuckAttemptRule.Verdict.KILL);
    Instant killedAt = now;
    advance(Duration.ofMinutes(4));
    assertThat(stuck.verdict(attempt.deadline(), killedAt, now)).isEqualTo(StuckAttemptRule.Verdict.WAIT);
    assertThat(job.isDue(now)).as("no retry while the killed call may still be up").isFalse();
    advance(Duration.ofMinutes(2));
    assertThat(stuck.verdict(attempt.deadline(), killedAt, now)).isEqualTo(StuckAttemptRule.Verdict.PRESUME_GONE);
    finish(attempt, AttemptOutcome.presumedGone("no report after call.kill"));

    assertThat(job.status()).isEqualTo(JobStatus.WAITING_RETRY);
    assertThat(job.nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
  }

  @Test
  void cancelStopsTheJobAndKillsTheLiveCall() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    AttemptSpec attempt = startDue();

    JobChange cancelled = workflow.cancel(job, "user asked", now);
    job = cancelled.job();

    assertThat(cancelled.events()).contains(new JobEvent.KillRequested(attempt.attemptId(), "job cancelled"));
    assertThat(job.status()).as("the live call decides").isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(job.isBeingCancelled()).isTrue();
    assertThat(workflow.cancel(job, "asked again", now).isIgnored()).isTrue();
    assertThat(job.isDue(now.plus(Duration.ofDays(1)))).isFalse();

    finish(attempt, busy());

    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.failure().message()).isEqualTo("user asked");
    assertThat(job.liveAttemptId()).as("released by its report").isNull();
    assertThat(job.isDue(now.plus(Duration.ofDays(1)))).isFalse();
  }

  @Test
  void aFaxTheCallCompletedAfterACancelWasDeliveredAndSaysSo() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    AttemptSpec attempt = startDue();
    job = workflow.cancel(job, "user asked", now).job();

    JobChange finished = workflow.finish(job, attempt.attemptId(), sent(), true, now).change();

    assertThat(finished.job().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.job().failure()).isNull();
    assertThat(finished.events()).contains(new JobEvent.Ended(JobStatus.SUCCEEDED, null));
  }

  @Test
  void aJobWithoutALiveCallIsCancelledAtOnce() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    AttemptSpec attempt = startDue();
    finish(attempt, busy()); // waiting for its retry

    JobChange cancelled = workflow.cancel(job, "user asked", now);

    assertThat(cancelled.job().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.events()).noneMatch(JobEvent.KillRequested.class::isInstance);
  }

  @Test
  void aLateDuplicateFinishedNeverChangesAFinishedJob() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"))));
    AttemptSpec attempt = startDue();
    finish(attempt, sent());
    Job done = job;

    JobChange duplicate = workflow.finish(job, attempt.attemptId(), busy(), true, now).change();

    assertThat(duplicate.isIgnored()).isTrue();
    assertThat(duplicate.job()).isEqualTo(done);
  }

  @Test
  void aWebhookEndpointIsDeliveredAndItsResultAdvancesThePlan() {
    EndpointRef hook = new EndpointRef("ep-hook", EndpointKind.WEBHOOK, "https://example.test/fax");
    accept(planOf(PriorityGroup.of(1, hook), PriorityGroup.of(2, aGateway("gw1"))));

    AttemptSpec delivery = startDue();
    finish(delivery, AttemptOutcome.of(DeliveryFinished.failed(delivery.attemptId(), job.id(), "ep-hook",
        EndpointKind.WEBHOOK, false, 404, "HTTP 404")));

    assertThat(delivery.fax()).isNull();
    assertThat(startDue().endpoint().target()).isEqualTo("gw1");
  }

  @Test
  void anUnhealthyGatewayIsSkippedAndAFullOneMakesTheJobWait() {
    accept(planOf(PriorityGroup.of(1, aGateway("gw1"), aGateway("gw2"))));
    gateways.put("gw1", GatewayAvailability.UNHEALTHY);
    gateways.put("gw2", GatewayAvailability.FULL);

    assertThat(startDue()).isNull();
    assertThat(job.nextAttemptAt()).isEqualTo(now.plusSeconds(2));
    advance(Duration.ofSeconds(2));
    gateways.put("gw2", GatewayAvailability.AVAILABLE);

    assertThat(startDue().endpoint().target()).isEqualTo("gw2");
  }

  // --- driver -------------------------------------------------------------------------------

  private void accept(DeliveryPlan plan) {
    JobChange change = workflow.accept(aJobTo(plan), now);
    job = change.job();
    events.addAll(change.events());
  }

  /** Starts the due attempt; null if the job was postponed. */
  private AttemptSpec startDue() {
    assertThat(job.isDue(now)).as("job is due").isTrue();
    JobWorkflow.StartDecision decision = workflow.start(job, UUID.randomUUID(),
        gw -> gateways.getOrDefault(gw, GatewayAvailability.AVAILABLE), fallbackList.contains(job.to()),
        DialOverrides.of(overrides), now);
    if (decision instanceof JobWorkflow.Postponed postponed) {
      job = postponed.job();
      return null;
    }
    JobWorkflow.Started start = (JobWorkflow.Started) decision;
    job = start.change().job();
    events.addAll(start.change().events());
    started.add(start.attempt());
    return start.attempt();
  }

  private void finish(AttemptSpec attempt, AttemptOutcome outcome) {
    JobWorkflow.Finished finished = workflow.finish(job, attempt.attemptId(), outcome,
        attempt.endpoint().kind() == EndpointKind.GATEWAY, now);
    if (finished.learnFallback()) {
      fallbackList.add(job.to());
    }
    job = finished.change().job();
    events.addAll(finished.change().events());
  }

  private void advance(Duration duration) {
    now = now.plus(duration);
  }
}
