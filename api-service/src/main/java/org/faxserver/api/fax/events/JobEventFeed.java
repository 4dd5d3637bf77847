package org.faxserver.api.fax.events;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether job events reach this instance at all. An instance hears {@code job.status} and
 * {@code attempt.progress} only while some stream here is watching a job, so an instance without SSE
 * clients (most API clients poll or take webhooks) costs neither the broker nor itself anything per
 * job, and adding api-service instances does not multiply every job's events by their number.
 */
public interface JobEventFeed {

    /** Holds the feed on until the hold is released. */
    Hold hold();

    /** One holder's part: released exactly once (a second release does nothing). */
    final class Hold {
        private final Mono<Void> ready;
        private final Flux<Long> rebound;
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        public Hold(Mono<Void> ready, Flux<Long> rebound, Runnable release) {
            this.ready = Objects.requireNonNull(ready, "ready");
            this.rebound = Objects.requireNonNull(rebound, "rebound");
            this.release = Objects.requireNonNull(release, "release");
        }

        /**
         * Completes once events published from now on reach this instance's hub; at once while the broker
         * is out of reach (they reach it once the broker is back), never with an error.
         */
        public Mono<Void> ready() {
            return ready;
        }

        /**
         * Signals each time the binding is made again while held (after a lost connection or a failed bind):
         * events published before it may not have reached this instance.
         */
        public Flux<Long> rebound() {
            return rebound;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
