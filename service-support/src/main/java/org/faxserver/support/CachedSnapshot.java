package org.faxserver.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * so nobody waits (otherwise every instance would hold up its work for the reload every few minutes); if that
 * reload fails, the next caller starts another. After an invalidation callers do wait: the change must apply to
 * them. If that load fails, {@code staleAfterFailedChange} decides: the last good snapshot (stale data beats
 * refusing every call) or the error (when acting on data the change may have withdrawn would be worse). Concurrent
 * callers share one load; a load that takes longer than its timeout fails, so a hung query cannot hold every later
 * caller.
 *
 * @param <T> the snapshot; immutable, since callers share it
 */
public final class CachedSnapshot<T> {

  private static final Logger log = LoggerFactory.getLogger(CachedSnapshot.class);

  /** Reactor's "never expires" for {@link Mono#cache}; expiry is {@link #current()}'s job. */
  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

  /** A loaded snapshot and when its load started (what its age is counted from). */
  private record Loaded<T>(T snapshot, Instant startedAt) {}

  /**
   * One load, shared by its callers, and what it produced; {@code expired} is what callers get while it loads in
   * place of an expired snapshot (null when they have to wait for it).
   */
  private record Entry<T>(Mono<T> load, AtomicReference<Loaded<T>> loaded, T expired, AtomicBoolean reloading) {}

  private final String what;
  private final Supplier<Mono<T>> loader;
  private final Duration maxAge;
  private final boolean staleAfterFailedChange;
  private final Clock clock;
  private final Duration loadTimeout;
  private final AtomicReference<Entry<T>> current = new AtomicReference<>();
  private final AtomicLong loads = new AtomicLong();
  private final AtomicReference<Loaded<T>> lastGood = new AtomicReference<>();

  /**
   * @param what                   what the snapshot is, for the log ("Router directory")
   * @param loader                 loads a complete snapshot
   * @param maxAge                 how long a snapshot is used without a change notice; positive
   * @param staleAfterFailedChange when the load after {@link #invalidate} fails: true gives callers the last good
   *                               snapshot, false the error
   */
  public CachedSnapshot(String what, Supplier<Mono<T>> loader, Duration maxAge, boolean staleAfterFailedChange,
      Clock clock) {
    this(what, loader, maxAge, staleAfterFailedChange, clock, LOAD_TIMEOUT);
  }

  CachedSnapshot(String what, Supplier<Mono<T>> loader, Duration maxAge, boolean staleAfterFailedChange,
      Clock clock, Duration loadTimeout) {
    this.what = Objects.requireNonNull(what, "what");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.staleAfterFailedChange = staleAfterFailedChange;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.loadTimeout = Objects.requireNonNull(loadTimeout, "loadTimeout");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    this.current.set(newEntry(null));
  }

  /** The current snapshot, loading it if it was dropped or has expired (checked on subscription). */
  public Mono<T> current() {
    return Mono.defer(() -> {
      Entry<T> entry = fresh();
      if (entry.expired() != null && entry.loaded().get() == null) {
        reloadInBackground(entry);
        if (entry.loaded().get() == null) {
          return Mono.just(entry.expired());
        }
      }
      return entry.load().onErrorResume(e -> {
        Loaded<T> previous = lastGood.get();
        if (previous == null || !staleAfterFailedChange) {
          return Mono.error(e);
        }
        warnReloadFailed(e);
        return Mono.just(previous.snapshot());
      });
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

  /** Starts the entry's load unless it is running; a failed one is started again by the next caller. */
  private void reloadInBackground(Entry<T> entry) {
    if (entry.reloading().compareAndSet(false, true)) {
      entry.load().subscribe(loaded -> { }, e -> {
        entry.reloading().set(false);
        warnReloadFailed(e);
      });
    }
  }

  private void warnReloadFailed(Throwable e) {
    log.warn("{} reload failed ({}); using the previous snapshot", what, e.toString());
  }

  private Entry<T> fresh() {
    Entry<T> entry = current.get();
    Loaded<T> loaded = entry.loaded().get();
    if (loaded != null && !clock.instant().isBefore(loaded.startedAt().plus(maxAge))) {
      log.debug("{} snapshot expired: loaded at {}, max age {}", what, loaded.startedAt(), maxAge);
      // Only one of several concurrent callers replaces it; all then share the new load.
      current.compareAndSet(entry, newEntry(loaded.snapshot()));
      entry = current.get();
    }
    return entry;
  }

  private Entry<T> newEntry(T expired) {
    AtomicReference<Loaded<T>> loaded = new AtomicReference<>();
    Mono<T> load = Mono.defer(() -> {
          loads.incrementAndGet();
          Instant started = clock.instant();
          return loader.get().timeout(loadTimeout).doOnNext(snapshot -> {
            Loaded<T> result = new Loaded<>(snapshot, started);
            loaded.set(result);
            // a load that started before a newer one but ended after it must not bring back older data
            lastGood.accumulateAndGet(result,
                (previous, next) -> previous != null && previous.startedAt().isAfter(next.startedAt()) ? previous : next);
          });
        })
        .doOnNext(snapshot -> log.info("{} loaded: {}", what, snapshot))
        .cache(snapshot -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    return new Entry<>(load, loaded, expired, new AtomicBoolean());
  }
}
