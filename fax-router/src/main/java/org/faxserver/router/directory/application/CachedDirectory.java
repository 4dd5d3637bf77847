package org.faxserver.router.directory.application;

import java.time.Duration;
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
 * auto-delete queue was gone during a broker reconnect. Failed loads are not cached; the next caller
 * tries again. Concurrent callers share one load.
 */
public final class CachedDirectory {

  private static final Logger log = LoggerFactory.getLogger(CachedDirectory.class);

  private final DirectoryLoader loader;
  private final Duration maxAge;
  private final AtomicReference<Mono<Directory>> current = new AtomicReference<>();
  private final AtomicLong loads = new AtomicLong();

  public CachedDirectory(DirectoryLoader loader, Duration maxAge) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    this.current.set(newLoad());
  }

  /** The current snapshot, loading it if it was dropped or has expired. */
  public Mono<Directory> current() {
    return current.get();
  }

  /** Drops the snapshot; the next {@link #current()} reloads. A load already running still completes. */
  public void invalidate(String why) {
    log.debug("Directory cache dropped: {}", why);
    current.set(newLoad());
  }

  /** How many loads have started, for tests and metrics. */
  public long loadCount() {
    return loads.get();
  }

  private Mono<Directory> newLoad() {
    return Mono.defer(() -> {
          loads.incrementAndGet();
          return loader.load();
        })
        .doOnNext(directory -> log.info("Directory loaded: {}", directory))
        .cache(directory -> maxAge, error -> Duration.ZERO, () -> Duration.ZERO);
  }
}
