package org.faxserver.queue.attempt.adapter;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faxserver.queue.attempt.application.ReapingStuckAttempts;
import org.faxserver.queue.attempt.application.StartingAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the scheduler: every poll, starts due jobs and deals with overdue attempts. All state is in
 * PostgreSQL, so stopping this loop (or the process) at any point loses nothing and any replica can
 * carry on.
 *
 * <p>{@link #nudge()} starts due jobs at once (on the same single thread, so never two runs at a time) instead of
 * at the next poll: called after this replica committed a job that is due now (a new job, the next endpoint after
 * a failure). Without it a new job waited half a poll interval on average (500 ms by default) before its call.
 * The poll stays the safety net: for retries that fall due later, other replicas' jobs, and lost nudges.
 */
public final class SchedulerLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);

  private final StartingAttempts starting;
  private final ReapingStuckAttempts reaping;
  private final Duration pollInterval;
  private final int batchSize;
  private final int concurrency;
  private volatile ScheduledExecutorService executor;
  private final AtomicBoolean nudged = new AtomicBoolean();

  public SchedulerLoop(StartingAttempts starting, ReapingStuckAttempts reaping, Duration pollInterval,
      int batchSize) {
    this(starting, reaping, pollInterval, batchSize, 1);
  }

  /** @param concurrency jobs started at a time (each in its own transaction) */
  public SchedulerLoop(StartingAttempts starting, ReapingStuckAttempts reaping, Duration pollInterval,
      int batchSize, int concurrency) {
    this.starting = starting;
    this.reaping = reaping;
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
    this.concurrency = Math.max(1, concurrency);
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fax-queue-scheduler");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::runOnce, pollInterval.toMillis(), pollInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Asks for a run that starts due jobs as soon as the scheduler thread is free; at most one run is pending. */
  public void nudge() {
    ScheduledExecutorService e = executor;
    if (e == null || !nudged.compareAndSet(false, true)) {
      return;
    }
    try {
      e.execute(() -> {
        nudged.set(false);
        try {
          startDue();
        } catch (RuntimeException ex) {
          log.warn("scheduler run failed: {}", ex.toString());
        }
      });
    } catch (RejectedExecutionException stopping) {
      nudged.set(false);
    }
  }

  private void runOnce() {
    try {
      startDue();
      reaping.reap(batchSize).block(Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      // Database down or similar: keep the loop alive and try again at the next poll.
      log.warn("scheduler run failed: {}", e.toString());
    }
  }

  private void startDue() {
    int started;
    do {
      started = starting.startDue(batchSize, concurrency).block(Duration.ofMinutes(1));
    } while (started == batchSize && isRunning());
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService e = executor;
    executor = null;
    if (e == null) {
      return;
    }
    e.shutdown();
    try {
      if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
        e.shutdownNow();
      }
    } catch (InterruptedException ie) {
      e.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
