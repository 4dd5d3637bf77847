package org.faxserver.router.directory.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.fixtures.DirectoryFixtures;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CachedDirectoryTest {

  /** Hands out the queued results in order, counting loads. */
  private static final class ScriptedLoader implements DirectoryLoader {
    private final Deque<Mono<Directory>> results = new ArrayDeque<>();

    ScriptedLoader then(Directory directory) {
      results.add(Mono.just(directory));
      return this;
    }

    ScriptedLoader thenFail() {
      results.add(Mono.error(new IllegalStateException("database down")));
      return this;
    }

    @Override
    public Mono<Directory> load() {
      return results.remove();
    }
  }

  private final Directory first = DirectoryFixtures.directoryWith();
  private final Directory second = DirectoryFixtures.directoryWith();

  @Test
  void snapshotIsKeptUntilInvalidated() {
    CachedDirectory cache = new CachedDirectory(new ScriptedLoader().then(first).then(second), Duration.ofHours(1));

    assertThat(cache.current().block()).isSameAs(first);
    assertThat(cache.current().block()).isSameAs(first);
    assertThat(cache.loadCount()).isEqualTo(1);
  }

  @Test
  void invalidationMakesTheNextCallerReload() {
    CachedDirectory cache = new CachedDirectory(new ScriptedLoader().then(first).then(second), Duration.ofHours(1));
    cache.current().block();

    cache.invalidate("ENDPOINT 7 UPDATED");

    assertThat(cache.current().block()).isSameAs(second);
    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void failedLoadIsNotCached() {
    CachedDirectory cache = new CachedDirectory(new ScriptedLoader().thenFail().then(first), Duration.ofHours(1));

    assertThatThrownBy(() -> cache.current().block()).hasMessageContaining("database down");
    assertThat(cache.current().block()).isSameAs(first);
  }

  @Test
  void snapshotExpiresAfterMaxAgeEvenWithoutNotice() throws InterruptedException {
    CachedDirectory cache = new CachedDirectory(new ScriptedLoader().then(first).then(second), Duration.ofMillis(50));
    cache.current().block();

    Thread.sleep(120);

    assertThat(cache.current().block()).isSameAs(second);
  }
}
