package org.faxserver.support;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Counts kept for gauges: a statement answering rows of {@code (label text, n bigint)} runs every
 * {@code interval}, and a gauge reads the last answer, so a scrape never waits for the database. A label
 * the statement does not answer counts 0. A count that fails or takes longer than the interval keeps the previous
 * values; the first failure after a success is logged as a warning (an alert on a gauge must not go quiet
 * unnoticed), repeats at debug.
 */
public final class PeriodicCounts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PeriodicCounts.class);

  private final String what;
  private final DatabaseClient db;
  private final String sql;
  private final Duration interval;
  private final Map<String, AtomicLong> counts;
  private volatile Disposable polling;
  private volatile boolean failing;

  public PeriodicCounts(String what, DatabaseClient db, String sql, Duration interval, Collection<String> labels) {
    this.what = what;
    this.db = db;
    this.sql = sql;
    this.interval = interval;
    this.counts = labels.stream().collect(Collectors.toUnmodifiableMap(l -> l, l -> new AtomicLong()));
  }

  /** The last count of {@code label}, for a gauge. */
  public Supplier<Number> of(String label) {
    AtomicLong count = counts.get(label);
    if (count == null) {
      throw new IllegalArgumentException(what + " has no label " + label + " (" + counts.keySet() + ")");
    }
    return count::get;
  }

  /** Counts once now (the poll's step; for tests). */
  public Mono<Void> countNow() {
    return db.sql(sql)
        .map(row -> Map.entry(row.get("label", String.class), row.get("n", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .doOnNext(answer -> counts.forEach((label, count) -> count.set(answer.getOrDefault(label, 0L))))
        .then();
  }

  @Override
  public void start() {
    polling = Flux.interval(Duration.ZERO, interval, Schedulers.boundedElastic())
        .onBackpressureDrop()
        .concatMap(tick -> countNow().timeout(interval)
            .doOnSuccess(done -> failing = false)
            .onErrorResume(e -> {
              if (failing) {
                log.debug("{} not counted: {}", what, e.toString());
              } else {
                log.warn("{} not counted, the gauges keep their last values until a count succeeds: {}", what,
                    e.toString());
              }
              failing = true;
              return Mono.empty();
            }), 1)
        .subscribe();
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
