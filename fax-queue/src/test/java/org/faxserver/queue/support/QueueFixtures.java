package org.faxserver.queue.support;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.PageResult;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.attempt.model.DisableEcmAfterRetryRule;
import org.faxserver.queue.attempt.model.DisableV17AfterRetryRule;
import org.faxserver.queue.attempt.model.FaxSettingsPolicy;
import org.faxserver.queue.fallback.model.SoftmodemFallbackRule;
import org.faxserver.queue.job.model.JobWorkflow;
import org.faxserver.queue.retry.model.FinalHangupCauseRule;
import org.faxserver.queue.retry.model.RetryAttemptsRule;
import org.faxserver.queue.retry.model.RetryDelay;
import org.faxserver.queue.retry.model.RetryDelayRule;
import org.faxserver.queue.retry.model.RetryPolicy;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.flywaydb.core.Flyway;

/** Jobs, plans, results and policies for tests, named by what they are. */
public final class QueueFixtures {

  public static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  public static final PhoneNumber SENDER = PhoneNumber.ofE164("+15551234567");
  public static final PhoneNumber REMOTE = PhoneNumber.ofE164("+442079460958");

  private QueueFixtures() {}

  /** Applies fax-queue's migrations to {@code database}; returns a connection factory for it. */
  public static ConnectionFactory migrated(PostgresDatabase database) {
    Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
        .schemas("queue").defaultSchema("queue").load().migrate();
    return ConnectionFactories.get(database.r2dbcUrl().replace("r2dbc:postgresql://",
        "r2dbc:postgresql://" + database.username() + ":" + database.password() + "@"));
  }

  public static EndpointRef aGateway(String name) {
    return EndpointRef.gateway("ep-" + name, name);
  }

  public static DeliveryPlan planOf(PriorityGroup... groups) {
    return DeliveryPlan.of(groups);
  }

  public static JobRouted aJobTo(DeliveryPlan plan) {
    return aJobTo(UUID.randomUUID(), plan);
  }

  public static JobRouted aJobTo(UUID jobId, DeliveryPlan plan) {
    return new JobRouted(jobId, "tenant-7", JobOrigin.API, "user-3", SENDER, REMOTE,
        DocumentRef.tiff("tenant-7/" + jobId + ".tif"), 2, new JobOptions("ACME", "+1 555 123 4567", null, null),
        plan);
  }

  public static RetryPolicy retryPolicy(int attempts, String delay, HangupCause... finalCauses) {
    return new RetryPolicy(new RetryAttemptsRule(attempts), new RetryDelayRule(RetryDelay.parse(delay)),
        new FinalHangupCauseRule(Set.of(finalCauses)));
  }

  public static FaxSettingsPolicy settingsPolicy(int v17After, int ecmAfter) {
    return new FaxSettingsPolicy(T38Policy.REQUEST, new DisableV17AfterRetryRule(v17After),
        new DisableEcmAfterRetryRule(ecmAfter));
  }

  /** retry_attempts 3, retry_delay 5m, failed_response UNALLOCATED_NUMBER, V.17/ECM off after 1, fallback on. */
  public static JobWorkflow aWorkflow() {
    return new JobWorkflow(retryPolicy(3, "5m", HangupCause.UNALLOCATED_NUMBER), settingsPolicy(1, 2),
        new SoftmodemFallbackRule(true), Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  public static AttemptOutcome busy() {
    return originateFailed(HangupCause.USER_BUSY);
  }

  public static AttemptOutcome originateFailed(HangupCause cause) {
    return AttemptOutcome.of(finished(UUID.randomUUID(), AttemptEnd.ORIGINATE_FAILED,
        FaxResult.notStarted(cause, cause.name())));
  }

  public static AttemptOutcome sent() {
    return AttemptOutcome.of(finished(UUID.randomUUID(), AttemptEnd.FAX_COMPLETED, sentResult()));
  }

  /** A connected call whose fax failed after {@code negotiations} trainings with {@code badRows} bad rows. */
  public static AttemptOutcome faxFailed(int negotiations, int badRows) {
    return AttemptOutcome.of(finished(UUID.randomUUID(), AttemptEnd.FAX_COMPLETED,
        failedResult(negotiations, badRows)));
  }

  public static FaxResult sentResult() {
    return new FaxResult(true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "REMOTE", "LOCAL", 14400, true,
        T38Status.NEGOTIATED, 0, 1, List.of(new PageResult(1, 0, 0, "T.4 2-D", "8031x7700", "1728x2292", 20000),
            new PageResult(2, 0, 0, "T.4 2-D", "8031x7700", "1728x2292", 21000)));
  }

  public static FaxResult failedResult(int negotiations, int badRows) {
    return new FaxResult(false, 48, "Disconnected after permitted retries", 0, 2, HangupCause.NORMAL_CLEARING,
        "REMOTE", "LOCAL", 9600, false, T38Status.NEGOTIATED, badRows, negotiations, List.of());
  }

  public static AttemptFinished finished(UUID attemptId, AttemptEnd end, FaxResult result) {
    return finished(attemptId, UUID.randomUUID(), end, result);
  }

  public static AttemptFinished finished(UUID attemptId, UUID jobId, AttemptEnd end, FaxResult result) {
    return new AttemptFinished(attemptId, jobId, "gw", end, result, T0, null, null);
  }
}
