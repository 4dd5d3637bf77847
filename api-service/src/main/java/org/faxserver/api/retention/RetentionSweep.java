package org.faxserver.api.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Objects;
import java.util.function.Function;

import org.faxserver.document.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Deletes documents older than a retention period, in rounds of a batch, every purge interval. Several
 * api-service replicas may sweep at once: each round claims its own records ({@code FOR UPDATE SKIP LOCKED}).
 * A record is marked purged before its files are deleted, so a crash in between leaves files behind (never a
 * record pointing at a file that is gone without saying so).
 *
 * @param <K> a claimed record, as its repository returns it
 */
public final class RetentionSweep<K> {

    /** Marks up to {@code limit} records older than {@code cutoff} as purged (at {@code now}); their keys. */
    @FunctionalInterface
    public interface Claim<K> {
        Flux<K> due(Instant cutoff, int limit, Instant now);
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(1);
    private final String what;
    private final Duration retention;
    private final Duration interval;
    private final int batch;
    private final Claim<K> claim;
    private final Function<K, List<String>> documentKeys;
    private final DocumentStore store;
    private final Clock clock;
    private Disposable schedule;

    /**
     * @param what         the documents swept, for the log ("the documents of received faxes")
     * @param documentKeys a claimed record's document keys (null for a document it does not have)
     */
    public RetentionSweep(String what, Duration retention, Duration interval, int batch, Claim<K> claim,
                          Function<K, List<String>> documentKeys, DocumentStore store, Clock clock) {
        this.what = what;
        this.retention = retention;
        this.interval = interval;
        this.batch = batch;
        this.claim = claim;
        this.documentKeys = documentKeys;
        this.store = store;
        this.clock = clock;
    }

    public void start() {
        // A short, jittered first sweep: replicas that restart more often than the interval still sweep.
        Duration first = Duration.ofSeconds(30 + ThreadLocalRandom.current().nextInt(60));
        schedule = Flux.interval(first, interval, Schedulers.boundedElastic())
                .onBackpressureDrop() // a sweep that outlasts the interval skips ticks instead of failing the schedule
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
            log.info("retention: deleted {}, {} records past {}", what, purged, retention);
        }
        return purged;
    }

    private int roundAt(Instant now) {
        List<K> due = claim.due(now.minus(retention), batch, now).collectList().block(CLAIM_TIMEOUT);
        due.stream().map(documentKeys).flatMap(List::stream).filter(Objects::nonNull).forEach(this::delete);
        return due.size();
    }

    /** A file that cannot be deleted is only logged: its record already says it is gone. */
    private void delete(String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("retention: cannot delete {}: {}", key, e.toString());
        }
    }
}
