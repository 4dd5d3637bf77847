package org.faxserver.queue.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.faxserver.model.job.JobStatus;
import org.faxserver.observability.FaxMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@code faxserver_queue_depth{state}}: unfinished jobs by status, counted in PostgreSQL every
 * {@code interval} (a scrape only reads the last count, never waits for the database). The count is
 * database-wide, so every replica reports the same value.
 */
public final class QueueDepth implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(QueueDepth.class);
  private static final JobStatus[] WAITING = {JobStatus.QUEUED, JobStatus.WAITING_RETRY, JobStatus.IN_PROGRESS};

  private final DatabaseClient db;
  private final Duration interval;
  private final Map<JobStatus, AtomicLong> counts = new ConcurrentHashMap<>();
  private volatile Disposable polling;

  public QueueDepth(DatabaseClient db, FaxMetrics metrics, Duration interval) {
    this.db = db;
    this.interval = interval;
    for (JobStatus status : WAITING) {
      AtomicLong count = new AtomicLong();
      counts.put(status, count);
      metrics.queueDepth(status.name().toLowerCase(java.util.Locale.ROOT), count::get);
    }
  }

  @Override
  public void start() {
    polling = Flux.interval(Duration.ZERO, interval, Schedulers.boundedElastic())
        .concatMap(tick -> db.sql("SELECT status, count(*) AS n FROM queue.job WHERE completed_at IS NULL GROUP BY status")
            .map(r -> Map.entry(r.get("status", String.class), r.get("n", Long.class)))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .doOnNext(this::update)
            .onErrorResume(e -> {
              log.debug("queue depth not counted: {}", e.toString());
              return reactor.core.publisher.Mono.empty();
            }))
        .subscribe();
  }

  private void update(Map<String, Long> byStatus) {
    counts.forEach((status, count) -> count.set(byStatus.getOrDefault(status.name(), 0L)));
  }

  @Override
  public void stop() {
    Disposable p = polling;
    if (p != null) {
      p.dispose();
    }
    polling = null;
  }

  @Override
  public boolean isRunning() {
    return polling != null;
  }
}
