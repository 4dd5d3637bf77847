package org.faxserver.queue.job.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobRouted;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.attempt.model.AttemptSpec;
import org.faxserver.queue.attempt.model.FaxSettingsPolicy;
import org.faxserver.queue.fallback.model.SoftmodemFallbackRule;
import org.faxserver.queue.gateway.model.GatewayAvailability;
import org.faxserver.queue.override.model.DialOverrides;
import org.faxserver.queue.retry.model.RetryPolicy;

/**
 * All of fax-queue's decisions about one job, composed from the named rules, with no I/O: the
 * application loads what a decision needs (gateway availability, fallback list, overrides), asks here,
 * and stores the answer with its messages in one transaction.
 */
public final class JobWorkflow {

  private final RetryPolicy retryPolicy;
  private final FaxSettingsPolicy settingsPolicy;
  private final SoftmodemFallbackRule fallbackRule;
  private final Duration attemptTimeout;
  private final Duration busyGatewayWait;
  private final Duration unhealthyGatewayWait;

  /**
   * @param attemptTimeout       how long an attempt may take before its deadline
   * @param busyGatewayWait      how long a job whose gateway is full waits before looking again
   * @param unhealthyGatewayWait how long a job waits when every remaining gateway is unhealthy
   */
  public JobWorkflow(RetryPolicy retryPolicy, FaxSettingsPolicy settingsPolicy, SoftmodemFallbackRule fallbackRule,
      Duration attemptTimeout, Duration busyGatewayWait, Duration unhealthyGatewayWait) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy);
    this.settingsPolicy = Objects.requireNonNull(settingsPolicy);
    this.fallbackRule = Objects.requireNonNull(fallbackRule);
    this.attemptTimeout = attemptTimeout;
    this.busyGatewayWait = busyGatewayWait;
    this.unhealthyGatewayWait = unhealthyGatewayWait;
  }

  public JobChange accept(JobRouted routed, Instant now) {
    return Job.accept(routed, now);
  }

  /** The answer to "start the next attempt of this due job". */
  public sealed interface StartDecision {}

  /** An attempt starts: store the job and the attempt, publish its command. */
  public record Started(JobChange change, AttemptSpec attempt) implements StartDecision {}

  /** The job cannot start now (gateway full, or every remaining gateway unhealthy). */
  public record Postponed(Job job, String why) implements StartDecision {}

  /**
   * Starts the next attempt of a due job. Gateways whose circuit is open are skipped in plan order;
   * a full gateway makes the job wait (its turn in the plan is kept).
   *
   * @param availability      gateway name → availability, asked lazily in plan order
   * @param destinationListed the destination is on the softmodem fallback list
   * @param overrides         dial overrides stored for the destination
   */
  public StartDecision start(Job job, UUID attemptId, Function<String, GatewayAvailability> availability,
      boolean destinationListed, DialOverrides overrides, Instant now) {
    List<EndpointRef> endpoints = job.endpoints();
    for (int i = job.endpointIndex(); i < endpoints.size(); i++) {
      EndpointRef endpoint = endpoints.get(i);
      GatewayAvailability gate = endpoint.kind() == EndpointKind.GATEWAY
          ? availability.apply(endpoint.target()) : GatewayAvailability.AVAILABLE;
      if (gate == GatewayAvailability.FULL) {
        return new Postponed(job.postponeUntil(now.plus(busyGatewayWait)),
            "gateway " + endpoint.target() + " is at its call limit");
      }
      if (gate == GatewayAvailability.AVAILABLE) {
        return startOn(job, i, attemptId, destinationListed, overrides, now);
      }
    }
    return new Postponed(job.postponeUntil(now.plus(unhealthyGatewayWait)),
        "every remaining gateway is unhealthy");
  }

  private Started startOn(Job job, int index, UUID attemptId, boolean destinationListed, DialOverrides overrides,
      Instant now) {
    JobChange change = job.startAttempt(attemptId, index, now);
    Job started = change.job();
    EndpointRef endpoint = started.currentEndpoint();
    boolean gateway = endpoint.kind() == EndpointKind.GATEWAY;
    FaxSettings fax = gateway
        ? settingsPolicy.settingsFor(job.options(), job.priorNegotiations(), fallbackRule.appliesTo(destinationListed))
        : null;
    AttemptSpec spec = new AttemptSpec(attemptId, job.id(), started.attemptCount(), endpoint, fax,
        gateway ? overrides.asMap() : null, now.plus(attemptTimeout));
    return new Started(change, spec);
  }

  /** The result of an attempt that ended. */
  public record Finished(JobChange change, boolean learnFallback) {}

  /**
   * Applies an attempt's end. {@code learnFallback} says whether the destination goes on the
   * softmodem fallback list; it holds even for a report the job ignores, since the call did happen.
   */
  public Finished finish(Job job, UUID attemptId, AttemptOutcome outcome, boolean gatewayCall, Instant now) {
    return new Finished(job.attemptFinished(attemptId, outcome, retryPolicy, now),
        gatewayCall && fallbackRule.learnsFrom(outcome));
  }

  public JobChange cancel(Job job, String why, Instant now) {
    return job.cancel(why, now);
  }
}
