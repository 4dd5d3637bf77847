package org.faxserver.notifier.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The directory snapshot, loaded on first use, dropped on every {@code directory.changed} and at the
 * latest after {@code maxAge} (bounds staleness when a notice was missed). Failed loads are not kept.
 */
public final class CachedDirectory {

  private static final Logger log = LoggerFactory.getLogger(CachedDirectory.class);

  private record Entry(Mono<NotifyDirectory> load, AtomicReference<Instant> loadedAt) {}

  private final Supplier<Mono<NotifyDirectory>> loader;
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicReference<Entry> current = new AtomicReference<>();

  public CachedDirectory(Supplier<Mono<NotifyDirectory>> loader, Duration maxAge, Clock clock) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    current.set(newEntry());
  }

  public Mono<NotifyDirectory> current() {
    return Mono.defer(() -> {
      Entry entry = current.get();
      Instant loadedAt = entry.loadedAt().get();
      if (loadedAt != null && !clock.instant().isBefore(loadedAt.plus(maxAge))) {
        current.compareAndSet(entry, newEntry());
        entry = current.get();
      }
      return entry.load();
    });
  }

  public void invalidate(String why) {
    log.debug("directory cache dropped: {}", why);
    current.set(newEntry());
  }

  private Entry newEntry() {
    AtomicReference<Instant> loadedAt = new AtomicReference<>();
    Mono<NotifyDirectory> load = Mono.defer(() -> {
          Instant started = clock.instant();
          return loader.get().doOnNext(d -> loadedAt.set(started));
        })
        .doOnNext(d -> log.info("directory loaded: {}", d))
        .cache(d -> Duration.ofMillis(Long.MAX_VALUE), e -> Duration.ZERO, () -> Duration.ZERO);
    return new Entry(load, loadedAt);
  }
}
