package org.faxserver.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A snapshot of data another service owns (the directory), loaded on first use and kept until
 * {@link #invalidate} is called on a change notice (any change drops the whole snapshot: a full reload cannot miss
 * an index the way per-entity patching could).
 *
 * <p>{@code maxAge} bounds staleness when a change notice is lost, e.g. while a per-instance auto-delete queue
 * was gone during a broker reconnect: a snapshot whose load started {@code maxAge} or longer ago by {@code clock}
 * is reloaded, and callers keep getting it until the reload is done — nothing changed that they were told of,
 * so nobody waits (otherwise every instance would hold up its work for the reload every few minutes). After an
 * invalidation callers do wait: the change must apply to them. Concurrent callers share one load. A failed load
 * is not cached; when an earlier snapshot exists callers get that one — stale data beats refusing every call —
 * and the next caller tries to load again.
 *
 * @param <T> the snapshot; immutable, since callers share it
 */
public final class CachedSnapshot<T> {

  private static final Logger log = LoggerFactory.getLogger(CachedSnapshot.class);

  /** Reactor's "never expires" for {@link Mono#cache}; expiry is {@link #current()}'s job. */
  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  /**
   * One load, shared by its callers, and when it started once it has produced a snapshot; {@code expired} is what
   * callers get while it loads in place of an expired one (null when they have to wait for it).
   */
  private record Entry<T>(Mono<T> load, AtomicReference<Instant> loadedAt, T expired) {

    boolean loaded() {
      return loadedAt.get() != null;
    }
  }

  private final String what;
  private final Supplier<Mono<T>> loader;
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicReference<Entry<T>> current = new AtomicReference<>();
  private final AtomicLong loads = new AtomicLong();
  private final AtomicReference<T> lastGood = new AtomicReference<>();

  /**
   * @param what   what the snapshot is, for the log ("Directory")
   * @param loader loads a complete snapshot
   * @param maxAge how long a snapshot is used without a change notice; positive
   */
  public CachedSnapshot(String what, Supplier<Mono<T>> loader, Duration maxAge, Clock clock) {
    this.what = Objects.requireNonNull(what, "what");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    this.current.set(newEntry(null));
  }

  /** The current snapshot, loading it if it was dropped or has expired (checked on subscription). */
  public Mono<T> current() {
    return Mono.defer(() -> {
          Entry<T> entry = fresh();
          if (entry.expired() != null && !entry.loaded()) {
            // starts the reload, or joins the one running; a failed one is retried by the next caller
            entry.load().subscribe(loaded -> { },
                e -> log.warn("{} reload failed ({}); using the previous snapshot", what, e.toString()));
            if (!entry.loaded()) {
              return Mono.just(entry.expired());
            }
          }
          return entry.load();
        })
        .onErrorResume(e -> {
          T previous = lastGood.get();
          if (previous == null) {
            return Mono.error(e);
          }
          log.warn("{} reload failed ({}); using the previous snapshot", what, e.toString());
          return Mono.just(previous);
        });
  }

  /** Drops the snapshot; the next {@link #current()} reloads. A load already running still completes. */
  public void invalidate(String why) {
    log.debug("{} snapshot dropped: {}", what, why);
    current.set(newEntry(null));
  }

  /** How many loads have started, for tests and metrics. */
  public long loadCount() {
    return loads.get();
  }

  private Entry<T> fresh() {
    Entry<T> entry = current.get();
    Instant loadedAt = entry.loadedAt().get();
    if (loadedAt != null && !clock.instant().isBefore(loadedAt.plus(maxAge))) {
      log.debug("{} snapshot expired: loaded at {}, max age {}", what, loadedAt, maxAge);
      // Only one of several concurrent callers replaces it; all then share the new load.
      current.compareAndSet(entry, newEntry(lastGood.get()));
      entry = current.get();
    }
    return entry;
  }

  private Entry<T> newEntry(T expired) {
    AtomicReference<Instant> loadedAt = new AtomicReference<>();
    Mono<T> load = Mono.defer(() -> {
          loads.incrementAndGet();
          Instant started = clock.instant();
          return loader.get().doOnNext(snapshot -> {
            loadedAt.set(started);
            lastGood.set(snapshot);
          });
        })
        .doOnNext(snapshot -> log.info("{} loaded: {}", what, snapshot))
        .cache(snapshot -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    return new Entry<>(load, loadedAt, expired);
  }
}
