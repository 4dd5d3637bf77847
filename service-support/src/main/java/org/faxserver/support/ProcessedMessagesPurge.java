package org.faxserver.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the processed-message table from growing forever: every {@code interval} it deletes the ids older than
 * the retention, in chunks so that no statement holds many row locks at once. An id only has to outlive the
 * redeliveries of its message: the broker's come within minutes, an outbox relay's for as long as its outbox keeps
 * the row (by default the same seven days).
 */
public final class ProcessedMessagesPurge implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProcessedMessagesPurge.class);
  static final int CHUNK = 1000;

  private final ProcessedMessages processed;
  private final Duration retention;
  private final Duration interval;
  private volatile ScheduledExecutorService executor;

  public ProcessedMessagesPurge(ProcessedMessages processed, Duration retention, Duration interval) {
    this.processed = processed;
    this.retention = retention;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "processed-messages-purge");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::purgeSafely, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void purgeSafely() {
    try {
      long deleted = purge();
      log.debug("forgot {} processed-message ids older than {}", deleted, retention);
    } catch (RuntimeException e) {
      // Database down or similar: the next round tries again.
      log.warn("purging processed-message ids failed: {}", e.toString());
    }
  }

  /** Deletes every id older than the retention, chunk by chunk; returns how many. */
  public long purge() {
    long total = 0;
    Long deleted;
    do {
      deleted = processed.forgetOlderThan(retention, CHUNK).block(Duration.ofMinutes(1));
      total += deleted == null ? 0 : deleted;
    } while (deleted != null && deleted == CHUNK);
    return total;
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
