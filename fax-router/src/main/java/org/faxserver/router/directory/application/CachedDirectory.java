package org.faxserver.router.directory.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.faxserver.router.directory.model.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The directory snapshot the router plans with, loaded on first use and kept until a
 * {@code directory.changed} arrives (any change drops the whole snapshot: it is three small queries,
 * and a full reload cannot miss an index the way per-entity patching could).
 *
 * <p>{@code maxAge} bounds staleness when a change notice is lost, e.g. while the per-instance
 * auto-delete queue was gone during a broker reconnect: a snapshot whose load started {@code maxAge}
 * or longer ago by {@code clock} is reloaded, and callers keep getting it until the reload is done —
 * nothing changed that they were told of, so nobody waits (before, every router held up the jobs it
 * routed for the reload, every few minutes). After an invalidation callers do wait: the change must
 * apply to them. Failed loads are not cached; the next caller tries again.
 * Concurrent callers share one load. When a load fails (the database is down or slow) and an earlier
 * snapshot exists, callers get that one — stale routing beats refusing every call — and the next caller
 * tries to load again.
 */
public final class CachedDirectory {

  private static final Logger log = LoggerFactory.getLogger(CachedDirectory.class);

  /** Reactor's "never expires" for {@link Mono#cache}; expiry is {@link #current()}'s job. */
  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  /**
   * One load, shared by its callers, and when it started once it has produced a snapshot; {@code expired} is what
   * callers get while it loads in place of an expired one (null when they have to wait for it).
   */
  private record Snapshot(Mono<Directory> directory, AtomicReference<Instant> loadedAt, Directory expired) {

    boolean loaded() {
      return loadedAt.get() != null;
    }
  }

  private final DirectoryLoader loader;
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private final AtomicLong loads = new AtomicLong();
  private final AtomicReference<Directory> lastGood = new AtomicReference<>();

  public CachedDirectory(DirectoryLoader loader, Duration maxAge) {
    this(loader, maxAge, Clock.systemUTC());
  }

  public CachedDirectory(DirectoryLoader loader, Duration maxAge, Clock clock) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    this.current.set(newSnapshot(null));
  }

  /** The current snapshot, loading it if it was dropped or has expired (checked on subscription). */
  public Mono<Directory> current() {
    return Mono.defer(() -> {
          Snapshot snapshot = fresh();
          if (snapshot.expired() != null && !snapshot.loaded()) {
            // starts the reload, or joins the one running; a failed one is retried by the next caller
            snapshot.directory().subscribe(loaded -> { },
                e -> log.warn("Directory reload failed ({}); routing with the previous snapshot", e.toString()));
            if (!snapshot.loaded()) {
              return Mono.just(snapshot.expired());
            }
          }
          return snapshot.directory();
        })
        .onErrorResume(e -> {
          Directory previous = lastGood.get();
          if (previous == null) {
            return Mono.error(e);
          }
          log.warn("Directory reload failed ({}); routing with the previous snapshot", e.toString());
          return Mono.just(previous);
        });
  }

  /** Drops the snapshot; the next {@link #current()} reloads. A load already running still completes. */
  public void invalidate(String why) {
    log.debug("Directory cache dropped: {}", why);
    current.set(newSnapshot(null));
  }

  /** How many loads have started, for tests and metrics. */
  public long loadCount() {
    return loads.get();
  }

  private Snapshot fresh() {
    Snapshot snapshot = current.get();
    Instant loadedAt = snapshot.loadedAt().get();
    if (loadedAt != null && !clock.instant().isBefore(loadedAt.plus(maxAge))) {
      log.debug("Directory cache expired: loaded at {}, max age {}", loadedAt, maxAge);
      // Only one of several concurrent callers replaces it; all then share the new load.
      current.compareAndSet(snapshot, newSnapshot(lastGood.get()));
      snapshot = current.get();
    }
    return snapshot;
  }

  private Snapshot newSnapshot(Directory expired) {
    AtomicReference<Instant> loadedAt = new AtomicReference<>();
    Mono<Directory> load = Mono.defer(() -> {
          loads.incrementAndGet();
          Instant started = clock.instant();
          return loader.load().doOnNext(directory -> {
            loadedAt.set(started);
            lastGood.set(directory);
          });
        })
        .doOnNext(directory -> log.info("Directory loaded: {}", directory))
        .cache(directory -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    return new Snapshot(load, loadedAt, expired);
  }
}
