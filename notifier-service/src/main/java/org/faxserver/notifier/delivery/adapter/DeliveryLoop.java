package org.faxserver.notifier.delivery.adapter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxserver.notifier.delivery.application.RunningDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls for due deliveries and runs them, {@code concurrency} at a time. All state is in PostgreSQL,
 * so stopping at any point loses nothing and any replica carries on. Its polls also forget old history
 * ({@link DeliveryHousekeeping}).
 */
public final class DeliveryLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
  private static final int PURGE_CHUNK = 1000;

  private final RunningDeliveries running;
  private final Duration pollInterval;
  private final int concurrency;
  private final DeliveryHousekeeping housekeeping;
  private volatile ScheduledExecutorService scheduler;
  private volatile ExecutorService workers;

  public DeliveryLoop(RunningDeliveries running, DeliveryRepository deliveries, Duration pollInterval,
      int concurrency, Duration deliveryRetention, Duration documentRetention, Clock clock) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("faxserver.notifier.worker.concurrency must be >= 1");
    }
    this.running = running;
    this.pollInterval = pollInterval;
    this.concurrency = concurrency;
    this.housekeeping = new DeliveryHousekeeping(deliveries, deliveryRetention, documentRetention, PURGE_CHUNK,
        clock);
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    workers = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "notifier-worker-" + n.incrementAndGet()));
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "notifier-deliveries"));
    scheduler.scheduleWithFixedDelay(this::runOnce, pollInterval.toMillis(), pollInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void runOnce() {
    try {
      int ran;
      do {
        ran = running.runDue(concurrency, workers);
      } while (ran == concurrency && isRunning());
      housekeeping.runIfDue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Database down or similar: try again at the next poll.
      log.warn("delivery run failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService s = scheduler;
    ExecutorService w = workers;
    scheduler = null;
    workers = null;
    if (s == null) {
      return;
    }
    s.shutdown();
    w.shutdown();
    try {
      if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
        s.shutdownNow();
      }
      if (!w.awaitTermination(30, TimeUnit.SECONDS)) {
        w.shutdownNow();
      }
    } catch (InterruptedException e) {
      s.shutdownNow();
      w.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
