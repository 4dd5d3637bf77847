package org.faxserver.queue.attempt.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.queue.attempt.model.AttemptSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port: where attempts are kept. Every method joins the caller's transaction. */
public interface AttemptStore {

  /** Stores a started attempt; the database refuses a second live attempt of the same job. */
  Mono<Void> insert(AttemptSpec spec, Instant startedAt);

  /** {@link #insert} for several attempts in one statement. */
  Mono<Void> insertAll(List<AttemptSpec> specs, Instant startedAt);

  /** An attempt to end with its report. */
  record Ending(UUID attemptId, AttemptReport report) {}

  /**
   * Ends each attempt with its report if it is live, and records its pages on its job while it is the job's live
   * attempt, in one statement; returns the attempts ended (locked until the transaction ends), in no particular
   * order, without those that are unknown (e.g. another service's test job) or had ended already. At most one
   * ending per attempt.
   */
  Flux<AttemptRecord> finishAllIfLive(List<Ending> endings);

  /**
   * Records negotiation and page progress of live attempts (one report per attempt), and the pages sent on their
   * jobs while they are the jobs' live attempts; a report for an attempt that ended is ignored.
   */
  Mono<Void> progress(List<AttemptProgress> latestPerAttempt);

  Mono<Void> markKillRequested(UUID attemptId, Instant at);

  /**
   * Live attempts that need a look, locked with SKIP LOCKED: deadline before {@code deadlineCutoff} and
   * either not killed yet or killed before {@code killCutoff} (killed attempts still within their
   * reconcile time are left out, so they cannot crowd out new ones).
   */
  Flux<AttemptRecord> lockOverdue(Instant deadlineCutoff, Instant killCutoff, int limit);

  /** Every attempt of each job, in order, for {@code job.completed}; a job without attempts is left out. */
  Mono<Map<UUID, List<AttemptSummary>>> summaries(Collection<UUID> jobIds);
}
