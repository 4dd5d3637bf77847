package org.faxserver.api.fax.events;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.fax.model.FaxJob;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Builds a job's event stream: the current state first, then live events, ending after a final
 * status. The feed is on and the hub subscribed before the current state is read, and events
 * arriving meanwhile are buffered, so nothing published in between is lost (at worst a status is
 * seen twice); after a gap in the feed the current state is read and sent again. Everything lives
 * in the one subscription of the returned stream, so nothing outlasts the client.
 */
public class JobEventStreams {
    /** The final status waits at most this long for the job's page counts; then it goes without them. */
    private static final Duration REREAD_TIMEOUT = Duration.ofSeconds(5);

    private final JobEventHub hub;
    private final JobEventFeed feed;

    public JobEventStreams(JobEventHub hub, JobEventFeed feed) {
        this.hub = hub;
        this.feed = feed;
    }

    /**
     * @param currentState the job as the tenant may see it; an error (404) ends the stream before
     *                     its first event, while the HTTP status can still say so
     */
    public Flux<JobEvent> open(TenantPrincipal principal, UUID jobId, Function<UUID, Mono<FaxJob>> currentState) {
        return Flux.using(feed::hold, hold -> hold.ready().thenMany(watch(principal, jobId, currentState, hold)),
                JobEventFeed.Hold::release);
    }

    private Flux<JobEvent> watch(TenantPrincipal principal, UUID jobId, Function<UUID, Mono<FaxJob>> currentState,
                                 JobEventFeed.Hold hold) {
        return Flux.defer(() -> {
            Sinks.Many<JobEvent> buffer = Sinks.many().unicast().onBackpressureBuffer();
            String tenant = String.valueOf(principal.tenantId());
            Disposable live = hub.events(jobId)
                    .filter(e -> e.tenantId() == null || e.tenantId().equals(tenant))
                    .subscribe(buffer::tryEmitNext);
            return currentState.apply(jobId)
                    .flatMapMany(job -> {
                        JobEvent current = JobEvent.current(job);
                        // After a gap in the feed the state is read again: a final status may have gone by unheard.
                        Flux<JobEvent> reread = hold.rebound().concatMap(n -> currentState.apply(jobId)
                                .map(JobEvent::current).onErrorResume(e -> Mono.empty()));
                        // A final status message has no page counts; the job, final by then, has them.
                        Flux<JobEvent> rest = current.isFinal() ? Flux.empty()
                                : Flux.merge(buffer.asFlux(), reread).concatMap(e -> !e.lacksPages() ? Mono.just(e)
                                        : currentState.apply(jobId).map(e::withPagesOf)
                                                .timeout(REREAD_TIMEOUT, Mono.just(e)).onErrorReturn(e)
                                                .defaultIfEmpty(e));
                        return Flux.concat(Flux.just(current), rest);
                    })
                    .takeUntil(JobEvent::isFinal)
                    .doFinally(signal -> live.dispose());
        });
    }
}
