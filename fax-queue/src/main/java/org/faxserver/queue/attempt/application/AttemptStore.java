package org.faxserver.queue.attempt.application;

import java.time.Instant;
import java.util.List;
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

  /**
   * Ends the attempt with its report if it is live, and records its pages on its job while it is the job's live
   * attempt; returns the attempt as ended (locked until the transaction ends), empty when it is unknown (e.g.
   * another service's test job) or had ended already.
   */
  Mono<AttemptRecord> finishIfLive(UUID attemptId, AttemptReport report);

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

  /** Every attempt of a job in order, for {@code job.completed}. */
  Flux<AttemptSummary> summaries(UUID jobId);
}
