package org.faxserver.queue.attempt.application;

import java.time.Clock;
import java.time.Instant;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.attempt.model.StuckAttemptRule;
import org.faxserver.queue.job.application.JobMessages;
import org.faxserver.queue.job.application.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Finds attempts that outlived their deadline. First {@code call.kill}; the attempt stays live, so no
 * retry can start while the call may still be up. It ends when esl-gateway reports it (WATCHDOG or
 * CALL_DROPPED), or, if nothing comes within the reconcile timeout, it is presumed gone and only then
 * does the job move on.
 */
public final class ReapingStuckAttempts {

  private static final Logger log = LoggerFactory.getLogger(ReapingStuckAttempts.class);

  private final StuckAttemptRule rule;
  private final AttemptStore attempts;
  private final JobStore jobs;
  private final FinishingAttempts finishing;
  private final JobMessages messages;
  private final TransactionalOperator tx;
  private final Clock clock;

  public ReapingStuckAttempts(StuckAttemptRule rule, AttemptStore attempts, JobStore jobs,
      FinishingAttempts finishing, JobMessages messages, TransactionalOperator tx, Clock clock) {
    this.rule = rule;
    this.attempts = attempts;
    this.jobs = jobs;
    this.finishing = finishing;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
  }

  /** One pass over overdue attempts (at most {@code limit}); returns how many were acted on. */
  public Mono<Long> reap(int limit) {
    Instant now = clock.instant();
    return tx.transactional(attempts
            .lockOverdue(now.minus(rule.killGrace()), now.minus(rule.reconcileTimeout()), limit)
            .concatMap(attempt -> act(attempt, now))
            .count());
  }

  private Mono<Boolean> act(AttemptRecord attempt, Instant now) {
    switch (rule.verdict(attempt.deadline(), attempt.killRequestedAt(), now)) {
      case KILL:
        log.warn("attempt {} of job {} passed its deadline {}; killing the call", attempt.attemptId(),
            attempt.jobId(), attempt.deadline());
        return attempts.markKillRequested(attempt.attemptId(), now)
            .then(attempt.isGatewayCall()
                ? jobs.lock(attempt.jobId()).flatMap(job -> messages.killCall(attempt.attemptId(), job,
                    attempt.endpoint().target(), "deadline passed"))
                : Mono.empty())
            .thenReturn(true);
      case PRESUME_GONE:
        log.warn("attempt {} of job {} sent no report after call.kill; presumed gone", attempt.attemptId(),
            attempt.jobId());
        return finishing.finish(attempt, new AttemptReport(
                AttemptOutcome.presumedGone("no report within the reconcile timeout after call.kill"), null, now))
            .thenReturn(true);
      default:
        return Mono.just(false);
    }
  }
}
