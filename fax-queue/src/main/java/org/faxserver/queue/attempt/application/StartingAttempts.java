package org.faxserver.queue.attempt.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.queue.gateway.application.GatewayGate;
import org.faxserver.queue.gateway.application.GatewayGate.LockedGateways;
import org.faxserver.queue.job.application.JobMessages;
import org.faxserver.queue.job.application.JobStore;
import org.faxserver.queue.job.model.Job;
import org.faxserver.queue.job.model.JobWorkflow;
import org.faxserver.queue.override.model.DialOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The scheduler's work: claims due jobs (SKIP LOCKED, so replicas share the work and never take the
 * same job), asks the workflow, and in the same transaction stores the attempt and the job and writes
 * the command ({@code fax.originate} / {@code deliver.*}) and {@code job.status} to the outbox.
 */
public final class StartingAttempts {

  private static final Logger log = LoggerFactory.getLogger(StartingAttempts.class);

  /** How long a job whose start failed unexpectedly waits before the next try. */
  static final Duration AFTER_ERROR = Duration.ofMinutes(1);

  /**
   * Jobs started in one transaction by {@link #startDue(int, int)}. Starts through one gateway are serialised on its
   * lock; with 10 per transaction they fell behind intake in a burst (docs/BENCHMARKS.md, session 17).
   */
  static final int JOBS_PER_TRANSACTION = 50;

  private final JobWorkflow workflow;
  private final JobStore jobs;
  private final AttemptStore attempts;
  private final GatewayGate gate;
  private final StartLookups lookups;
  private final JobMessages messages;
  private final TransactionalOperator tx;
  private final Clock clock;

  public StartingAttempts(JobWorkflow workflow, JobStore jobs, AttemptStore attempts, GatewayGate gate,
      StartLookups lookups, JobMessages messages, TransactionalOperator tx, Clock clock) {
    this.workflow = workflow;
    this.jobs = jobs;
    this.attempts = attempts;
    this.gate = gate;
    this.lookups = lookups;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
  }

  /** Starts (or postpones) up to {@code max} due jobs, one transaction each; returns how many were claimed. */
  public Mono<Integer> startDue(int max) {
    return startSequentially(max);
  }

  /**
   * Like {@link #startDue(int)}, with up to {@code concurrency} transactions at a time, each starting up to
   * {@link #JOBS_PER_TRANSACTION} jobs. Safe for the same reasons several replicas are: claims use SKIP LOCKED (two
   * transactions never take the same job) and call limits are counted under per-gateway advisory locks taken in one
   * fixed order (exact, no deadlock; within a transaction each start counts the attempts the earlier ones inserted).
   * Those locks serialise the starts through one gateway, so a transaction of one job each capped a replica at a
   * few dozen starts per second (docs/BENCHMARKS.md); several per transaction share the lock waits and the commit.
   */
  public Mono<Integer> startDue(int max, int concurrency) {
    if (concurrency <= 1) {
      return startSequentially(max);
    }
    // One cheap look first (no transaction, no lock): an idle run or a nudge for one job then costs one query.
    // Jobs that fall due meanwhile wait for the next run (the loop repeats while a run used its whole batch).
    return Mono.defer(() -> jobs.countDue(clock.instant(), max)).flatMap(due -> {
      if (due == 0) {
        return Mono.just(0);
      }
      int workers = Math.min(concurrency, (due + JOBS_PER_TRANSACTION - 1) / JOBS_PER_TRANSACTION);
      AtomicInteger budget = new AtomicInteger(due);
      return Flux.range(0, workers)
          .flatMap(worker -> Mono.defer(() -> {
                int n = Math.min(JOBS_PER_TRANSACTION, budget.getAndAdd(-JOBS_PER_TRANSACTION));
                return n > 0 ? startBatch(n) : Mono.just(0);
              })
              .repeat()
              .takeUntil(claimed -> claimed == 0)
              .reduce(0, Integer::sum), workers)
          .reduce(0, Integer::sum);
    });
  }

  /**
   * Claims up to {@code n} due jobs and starts them in one transaction. If that fails, nothing of it happened
   * and up to {@code n} jobs are started one transaction each, longest due first (so the same ones, unless
   * another worker takes some), where a job that fails alone is pushed back ({@link #startOne()}).
   */
  Mono<Integer> startBatch(int n) {
    return tx.transactional(Mono.defer(() -> jobs.claimDueJobs(clock.instant(), n).collectList())
            .flatMap(claimed -> startAll(claimed).thenReturn(claimed.size())))
        .onErrorResume(error -> {
          log.warn("starting a batch of {} jobs failed, starting them one at a time: {}", n, error.toString());
          return startSequentially(n);
        });
  }

  private Mono<Integer> startSequentially(int max) {
    return startOne()
        .repeat(max - 1L)
        .takeUntil(claimed -> !claimed)
        .filter(Boolean::booleanValue)
        .count()
        .map(Long::intValue);
  }

  /**
   * Claims and handles one due job; false if none was due. If handling it fails unexpectedly, the job
   * is pushed back by {@link #AFTER_ERROR} in a new transaction, so a broken job cannot block the head
   * of the schedule on every poll.
   */
  public Mono<Boolean> startOne() {
    AtomicReference<UUID> claimed = new AtomicReference<>();
    return tx.transactional(Mono.defer(() -> jobs.claimDue(clock.instant()))
            .doOnNext(claimed::set)
            .flatMap(jobs::lock)
            .flatMap(job -> startAll(List.of(job)).thenReturn(true)))
        .defaultIfEmpty(false)
        .onErrorResume(error -> {
          UUID jobId = claimed.get();
          if (jobId == null) {
            return Mono.error(error);
          }
          log.error("starting an attempt of job {} failed; trying again in {}", jobId, AFTER_ERROR, error);
          return tx.transactional(jobs.postpone(jobId, clock.instant().plus(AFTER_ERROR))).thenReturn(true);
        });
  }

  /**
   * Within the caller's transaction (the one that stored {@code job}, due and first in line): starts it at once. A
   * gateway another transaction is starting calls through is not waited for: the scheduler starts jobs in batches,
   * so under load the locks are shared by many starts instead of serialising one per accept. True when it was
   * started (or postponed) here.
   */
  public Mono<Boolean> startAccepted(Job job) {
    return Mono.defer(() -> startAll(List.of(job), gate::tryLock));
  }

  /**
   * Starts claimed (locked) jobs within the caller's transaction, after locking their gateways and reading, with one
   * statement, the gateways' live calls, the fallback list and the overrides.
   */
  private Mono<Void> startAll(List<Job> claimed) {
    return startAll(claimed, gateways -> gate.lock(gateways).thenReturn(true)).then();
  }

  /** {@link #startAll(List)} with the gateways locked by {@code locking}; false if it gave no locks. */
  private Mono<Boolean> startAll(List<Job> claimed, Function<Collection<String>, Mono<Boolean>> locking) {
    if (claimed.isEmpty()) {
      return Mono.just(true);
    }
    Set<String> destinations = claimed.stream().map(job -> job.to().e164()).collect(Collectors.toSet());
    Set<String> gateways = claimed.stream().flatMap(job -> remainingGateways(job).stream())
        .map(EndpointRef::target).collect(Collectors.toSet());
    return locking.apply(gateways)
        .filter(Boolean::booleanValue)
        .flatMap(locked -> lookups.read(gateways, destinations))
        .flatMap(found -> startLocked(claimed, gate.counted(gateways, found.liveCalls()), found))
        .defaultIfEmpty(false);
  }

  /**
   * Decides job after job (each start counts against its gateway's limit for the next), then writes them with one
   * statement per table: the gateway locks are held until the commit, so that time stays short.
   */
  private Mono<Boolean> startLocked(List<Job> claimed, LockedGateways locked, StartLookups.Found found) {
    Instant now = clock.instant();
    Map<String, DialOverrides> dialOverrides = new HashMap<>();
    found.overrides().forEach((destination, stored) -> dialOverrides.put(destination, DialOverrides.of(stored)));
    List<Job> updated = new ArrayList<>();
    List<JobWorkflow.Started> starts = new ArrayList<>();
    for (Job job : claimed) {
      String destination = job.to().e164();
      JobWorkflow.StartDecision decision = decide(job, locked, found.listed().contains(destination),
          dialOverrides.getOrDefault(destination, DialOverrides.none()), now);
      if (decision instanceof JobWorkflow.Started started) {
        starts.add(started);
        updated.add(started.change().job());
      } else {
        updated.add(((JobWorkflow.Postponed) decision).job());
      }
    }
    return jobs.updateAll(updated, now)
        .then(attempts.insertAll(starts.stream().map(JobWorkflow.Started::attempt).toList(), now))
        .then(messages.publishStarted(starts))
        .thenReturn(true);
  }

  private static List<EndpointRef> remainingGateways(Job job) {
    return job.endpoints().subList(job.endpointIndex(), job.endpoints().size()).stream()
        .filter(e -> e.kind() == EndpointKind.GATEWAY)
        .toList();
  }

  private JobWorkflow.StartDecision decide(Job job, LockedGateways gateways, boolean listed,
      DialOverrides dialOverrides, Instant now) {
    Map<String, Integer> directoryLimits = new HashMap<>();
    remainingGateways(job).stream().filter(e -> e.maxConcurrentCalls() != null)
        .forEach(e -> directoryLimits.merge(e.target(), e.maxConcurrentCalls(), Math::min));
    JobWorkflow.StartDecision decision = workflow.start(job, UUID.randomUUID(),
        gateway -> gateways.availability(gateway, directoryLimits), listed, dialOverrides, now);
    if (decision instanceof JobWorkflow.Postponed postponed) {
      log.debug("job {} postponed: {}", job.id(), postponed.why());
    } else if (decision instanceof JobWorkflow.Started started
        && started.attempt().endpoint().kind() == EndpointKind.GATEWAY) {
      gateways.callStarted(started.attempt().endpoint().target());
    }
    return decision;
  }
}
