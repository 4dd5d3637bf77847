package org.faxserver.queue.attempt.adapter;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.faxserver.queue.attempt.application.ReapingStuckAttempts;
import org.faxserver.queue.attempt.application.StartingAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the scheduler: every poll, starts due jobs and deals with overdue attempts. All state is in
 * PostgreSQL, so stopping this loop (or the process) at any point loses nothing and any replica can
 * carry on.
 */
public final class SchedulerLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);

  private final StartingAttempts starting;
  private final ReapingStuckAttempts reaping;
  private final Duration pollInterval;
  private final int batchSize;
  private volatile ScheduledExecutorService executor;

  public SchedulerLoop(StartingAttempts starting, ReapingStuckAttempts reaping, Duration pollInterval,
      int batchSize) {
    this.starting = starting;
    this.reaping = reaping;
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
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

  private void runOnce() {
    try {
      int started;
      do {
        started = starting.startDue(batchSize).block(Duration.ofMinutes(1));
      } while (started == batchSize && isRunning());
      reaping.reap(batchSize).block(Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      // Database down or similar: keep the loop alive and try again at the next poll.
      log.warn("scheduler run failed: {}", e.toString());
    }
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
