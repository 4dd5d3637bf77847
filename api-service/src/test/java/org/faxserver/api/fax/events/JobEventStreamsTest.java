package org.faxserver.api.fax.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.fax.model.FaxJob;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class JobEventStreamsTest {
    private static final TenantPrincipal TENANT = new TenantPrincipal(7, 1, "user");

    /** A feed whose readiness the test decides; counts holds and releases. */
    private static final class ControlledFeed implements JobEventFeed {
        final Sinks.Empty<Void> ready = Sinks.empty();
        final Sinks.Many<Long> rebound = Sinks.many().multicast().directBestEffort();
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public Hold hold() {
            held.incrementAndGet();
            return new Hold(ready.asMono(), rebound.asFlux(), released::incrementAndGet);
        }

        /** A stream of a new job through this feed, its state read with {@code currentState}. */
        Flux<JobEvent> open(Function<UUID, Mono<FaxJob>> currentState) {
            return new JobEventStreams(new JobEventHub(), this).open(TENANT, UUID.randomUUID(), currentState);
        }
    }

    private static FaxJob job(UUID id, String status) {
        Instant now = Instant.now();
        return new FaxJob(id, status, "+12125550100", "+12125550199", 1, 0, 0, null, null, null, Map.of(), null,
                false, now, now, null, null, List.of());
    }

    @Test
    void theCurrentStateIsReadOnlyOnceTheFeedIsOnAndTheHoldIsReleasedWithTheStream() {
        ControlledFeed feed = new ControlledFeed();
        JobEventHub hub = new JobEventHub();
        UUID id = UUID.randomUUID();
        AtomicInteger reads = new AtomicInteger();
        StepVerifier.create(new JobEventStreams(hub, feed).open(TENANT, id, jobId -> {
                    reads.incrementAndGet();
                    return Mono.just(job(jobId, "IN_PROGRESS"));
                }))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> {
                    assertThat(feed.held).hasValue(1);
                    assertThat(reads).as("read before the feed is on").hasValue(0);
                    feed.ready.tryEmitEmpty();
                })
                .assertNext(e -> assertThat(e.name()).isEqualTo(JobEvent.STATUS))
                .then(() -> hub.publish(new JobEvent(id, "7", JobEvent.STATUS, "done", true)))
                .assertNext(e -> assertThat(e.isFinal()).isTrue())
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(reads).hasValue(1);
        assertThat(feed.released).hasValue(1);
    }

    @Test
    void afterAGapInTheFeedTheStateIsReadAgainAndAFinalOneEndsTheStream() {
        ControlledFeed feed = new ControlledFeed();
        feed.ready.tryEmitEmpty();
        AtomicInteger reads = new AtomicInteger();
        StepVerifier.create(feed.open(
                        jobId -> Mono.just(job(jobId, reads.incrementAndGet() == 1 ? "IN_PROGRESS" : "SUCCEEDED"))))
                .assertNext(e -> assertThat(e.isFinal()).isFalse())
                .then(() -> feed.rebound.tryEmitNext(2L)) // the binding was made again: something may have been missed
                .assertNext(e -> assertThat(e.isFinal()).isTrue())
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(reads).hasValue(2);
        assertThat(feed.released).hasValue(1);
    }

    @Test
    void aClientLeavingReleasesTheHold() {
        ControlledFeed feed = new ControlledFeed();
        feed.ready.tryEmitEmpty();
        StepVerifier.create(feed.open(jobId -> Mono.just(job(jobId, "IN_PROGRESS"))))
                .assertNext(e -> assertThat(e.isFinal()).isFalse())
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(feed.released).hasValue(1);
    }
}
