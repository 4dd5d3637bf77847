package org.faxserver.api.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Deletes documents older than a retention period, in rounds, every purge interval. Several api-service
 * replicas may sweep at once: each round claims its own rows ({@code FOR UPDATE SKIP LOCKED}).
 */
public final class RetentionSweep {

    /** One round: claims up to a batch of records whose documents are due and deletes them; how many. */
    @FunctionalInterface
    public interface Round {
        int purge(Instant cutoff, Instant now);
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    private final String what;
    private final Duration retention;
    private final Duration interval;
    private final Round round;
    private final Clock clock;
    private Disposable schedule;

    /** @param what the documents swept, for the log ("the documents of received faxes") */
    public RetentionSweep(String what, Duration retention, Duration interval, Round round, Clock clock) {
        this.what = what;
        this.retention = retention;
        this.interval = interval;
        this.round = round;
        this.clock = clock;
    }

    public void start() {
        // A short, jittered first sweep: replicas that restart more often than the interval still sweep.
        Duration first = Duration.ofSeconds(30 + ThreadLocalRandom.current().nextInt(60));
        schedule = Flux.interval(first, interval, Schedulers.boundedElastic())
                .concatMap(tick -> Mono.fromCallable(this::sweep)
                        .onErrorResume(e -> {
                            log.warn("retention sweep of {} failed; next try in {}: {}", what, interval, e.toString());
                            return Mono.just(0);
                        }))
                .subscribe();
    }

    public void stop() {
        if (schedule != null) {
            schedule.dispose();
        }
    }

    /** Purges everything due now; returns how many records. */
    public int sweep() {
        int purged = 0;
        for (int n; (n = roundAt(clock.instant())) > 0; ) {
            purged += n;
        }
        if (purged > 0) {
            log.info("retention: deleted {} of {} records older than {}", what, purged, retention);
        }
        return purged;
    }

    private int roundAt(Instant now) {
        return round.purge(now.minus(retention), now);
    }
}
