package org.faxserver.queue.job.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.faxserver.queue.job.model.Job;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port: where jobs are kept. Every method joins the caller's transaction. */
public interface JobStore {

  /**
   * Stores the new jobs with one statement, leaving out any job with an id that exists already (a redelivered
   * job.routed), and tells in the same statement whether other jobs were due at {@code now}: a new job that is due
   * goes first only if none wait.
   */
  Mono<Stored> insertAllIfAbsent(List<Job> jobs, Instant now);

  /**
   * @param inserted  the ids of the jobs stored; a job known already is not among them
   * @param othersDue whether other jobs were due ({@code next_attempt_at <= now}, nothing live) as these were stored
   */
  record Stored(Set<UUID> inserted, boolean othersDue) {}

  /** The job, locked for update until the transaction ends; empty if unknown. */
  Mono<Job> lock(UUID jobId);

  /** {@link #lock} for several jobs in one statement; unknown ones left out. */
  Flux<Job> lockAll(Collection<UUID> jobIds);

  /**
   * The id of one due job ({@code next_attempt_at <= now}, nothing live), locked with SKIP LOCKED so
   * that replicas never claim the same job; empty if none is due. Only the id, so that a row that
   * cannot be read as a job is still claimed and can be pushed back.
   */
  Mono<UUID> claimDue(Instant now);

  /**
   * Like {@link #claimDue(Instant)} for up to {@code limit} due jobs, the longest due first, read in the same
   * query (fails if a row cannot be read as a job).
   */
  Flux<Job> claimDueJobs(Instant now, int limit);

  /** How many jobs are due ({@code next_attempt_at <= now}, nothing live), counting at most {@code max}; no locks. */
  Mono<Integer> countDue(Instant now, int max);

  Mono<Void> update(Job job, Instant now);

  /** {@link #update} for several jobs in one statement. */
  Mono<Void> updateAll(List<Job> jobs, Instant now);

  /**
   * Moves a job's next attempt to {@code until} without reading it, for a job whose start failed
   * unexpectedly (so one broken job cannot block the head of the schedule).
   */
  Mono<Void> postpone(UUID jobId, Instant until);
}
