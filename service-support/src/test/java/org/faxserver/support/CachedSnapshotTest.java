package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.faxserver.testkit.time.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class CachedSnapshotTest {

  /** What is cached; compared by identity. */
  private record Directory(String name) {}

  /** Hands out the queued results in order, counting loads. */
  private static final class ScriptedLoader implements Supplier<Mono<Directory>> {
    private final Deque<Mono<Directory>> results = new ArrayDeque<>();

    ScriptedLoader then(Directory directory) {
      results.add(Mono.just(directory));
      return this;
    }

    /** A load that ends when {@code result} does. */
    ScriptedLoader then(Mono<Directory> result) {
      results.add(result);
      return this;
    }

    ScriptedLoader thenFail() {
      results.add(Mono.error(new IllegalStateException("database down")));
      return this;
    }

    @Override
    public Mono<Directory> get() {
      return results.remove();
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
  private final Directory first = new Directory("first");
  private final Directory second = new Directory("second");
  private final Directory third = new Directory("third");

  /** Stale after a failed change, as fax-router's. */
  private CachedSnapshot<Directory> cacheOf(ScriptedLoader loader, Duration maxAge) {
    return new CachedSnapshot<>("Directory", loader, maxAge, true, clock);
  }

  /** The error after a failed change, as notifier-service's. */
  private CachedSnapshot<Directory> strictCacheOf(ScriptedLoader loader, Duration maxAge) {
    return new CachedSnapshot<>("Directory", loader, maxAge, false, clock);
  }

  @Test
  void snapshotIsKeptUntilInvalidated() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).then(second), Duration.ofHours(1));

    assertThat(cache.current().block()).isSameAs(first);
    assertThat(cache.current().block()).isSameAs(first);
    assertThat(cache.loadCount()).isEqualTo(1);
  }

  @Test
  void invalidationMakesTheNextCallerReload() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).then(second), Duration.ofHours(1));
    cache.current().block();

    cache.invalidate("ENDPOINT 7 UPDATED");

    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void failedLoadIsNotCached() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().thenFail().then(first), Duration.ofHours(1));

    assertThatThrownBy(() -> cache.current().block()).hasMessageContaining("database down");
    assertThat(cache.current().block()).isSameAs(first);
  }

  @Test
  void aFailedReloadUsesThePreviousSnapshotAndTriesAgainNextTime() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).thenFail().then(second),
        Duration.ofHours(1));
    cache.current().block();
    cache.invalidate("NUMBER 3 UPDATED");

    assertThat(cache.current().block()).isSameAs(first);
    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.loadCount()).isEqualTo(3);
  }

  @Test
  void snapshotExpiresAfterMaxAgeEvenWithoutNotice() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).then(second), Duration.ofMinutes(5));
    cache.current().block();

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(cache.current().block()).isSameAs(first);

    clock.advance(Duration.ofMillis(1));
    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void expiryIsCheckedWhenTheSnapshotIsAskedForNotWhenCurrentWasCalled() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).then(second), Duration.ofMinutes(5));
    cache.current().block();
    Mono<Directory> held = cache.current();

    clock.advance(Duration.ofMinutes(6));

    assertThat(held.block()).isSameAs(second);
  }

  @Test
  void anExpiredSnapshotIsServedWhileItsReloadRunsAndOnlyOneReloadStarts() throws Exception {
    Sinks.One<Directory> reload = Sinks.one();
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).then(reload.asMono()),
        Duration.ofMinutes(5));
    cache.current().block();
    clock.advance(Duration.ofMinutes(5));

    CompletableFuture<Directory> during1 = cache.current().toFuture();
    CompletableFuture<Directory> during2 = cache.current().toFuture();
    assertThat(during1).as("nobody waits for a reload after expiry").isCompletedWithValue(first);
    assertThat(during2).isCompletedWithValue(first);
    assertThat(cache.loadCount()).isEqualTo(2);

    reload.tryEmitValue(second);
    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void afterAnInvalidationCallersWaitForTheNewSnapshot() throws Exception {
    Sinks.One<Directory> reload = Sinks.one();
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).then(reload.asMono()),
        Duration.ofMinutes(5));
    cache.current().block();
    cache.invalidate("NUMBER 3 UPDATED");

    CompletableFuture<Directory> waiting = cache.current().toFuture();
    assertThat(waiting).as("the change must apply to this caller").isNotDone();

    reload.tryEmitValue(second);
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isSameAs(second);
  }

  @Test
  void aFailedReloadAfterExpiryKeepsTheExpiredSnapshotAndTheNextCallerTriesAgain() {
    CachedSnapshot<Directory> cache = cacheOf(new ScriptedLoader().then(first).thenFail().then(second),
        Duration.ofMinutes(5));
    cache.current().block();
    clock.advance(Duration.ofMinutes(5));

    assertThat(cache.current().block()).isSameAs(first);
    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.loadCount()).isEqualTo(3);
  }

  @Test
  void aStrictCacheFailsCallersWhenTheLoadAfterAChangeFailsButStillServesAnExpiredSnapshot() {
    CachedSnapshot<Directory> cache = strictCacheOf(
        new ScriptedLoader().then(first).thenFail().then(second).thenFail().then(third), Duration.ofMinutes(5));
    cache.current().block();

    cache.invalidate("ENDPOINT 7 DELETED");
    assertThatThrownBy(() -> cache.current().block()).as("the change may have withdrawn what the old one holds")
        .hasMessageContaining("database down");
    assertThat(cache.current().block()).isSameAs(second);

    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.current().block()).as("expiry is no change: the old snapshot while reloading").isSameAs(second);
    assertThat(cache.current().block()).isSameAs(third);
  }

  @Test
  void aLoadThatEndsAfterANewerOneDoesNotBringBackItsOlderSnapshot() {
    Sinks.One<Directory> slow = Sinks.one();
    CachedSnapshot<Directory> cache = cacheOf(
        new ScriptedLoader().then(slow.asMono()).then(second).thenFail(), Duration.ofMinutes(5));
    CompletableFuture<Directory> beforeTheChange = cache.current().toFuture();
    clock.advance(Duration.ofSeconds(1));
    cache.invalidate("NUMBER 3 UPDATED");
    assertThat(cache.current().block()).isSameAs(second);

    slow.tryEmitValue(first);
    assertThat(beforeTheChange).isCompletedWithValue(first);
    cache.invalidate("NUMBER 4 UPDATED");

    assertThat(cache.current().block()).as("the last good snapshot is the newest one").isSameAs(second);
  }

  @Test
  void aLoadThatNeverEndsTimesOutAndTheNextCallerLoadsAgain() {
    ScriptedLoader loader = new ScriptedLoader().then(Mono.never()).then(first);
    CachedSnapshot<Directory> cache =
        new CachedSnapshot<>("Directory", loader, Duration.ofMinutes(5), true, clock, Duration.ofMillis(100));

    assertThatThrownBy(() -> cache.current().block(Duration.ofSeconds(5)))
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(cache.current().block(Duration.ofSeconds(5))).isSameAs(first);
    assertThat(cache.loadCount()).isEqualTo(2);
  }
}
