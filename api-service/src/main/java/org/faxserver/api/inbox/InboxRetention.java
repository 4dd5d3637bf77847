package org.faxserver.api.inbox;

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
 * Deletes received documents older than the retention period, in batches, every purge interval.
 * Several api-service replicas may sweep at once: each claims its own rows ({@code SKIP LOCKED}).
 */
class InboxRetention {
    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    private final InboxRepository repository;
    private final InboxArchiver archiver;
    private final InboxProperties props;
    private final Clock clock;
    private Disposable schedule;

    InboxRetention(InboxRepository repository, InboxArchiver archiver, InboxProperties props, Clock clock) {
        this.repository = repository;
        this.archiver = archiver;
        this.props = props;
        this.clock = clock;
    }

    void start() {
        // A short, jittered first sweep: replicas that restart more often than the interval still sweep.
        Duration first = Duration.ofSeconds(30 + ThreadLocalRandom.current().nextInt(60));
        schedule = Flux.interval(first, props.purgeInterval(), Schedulers.boundedElastic())
                .concatMap(tick -> Mono.fromCallable(this::sweep)
                        .onErrorResume(e -> {
                            log.warn("retention sweep failed; next try in {}: {}", props.purgeInterval(), e.toString());
                            return Mono.just(0);
                        }))
                .subscribe();
    }

    void stop() {
        if (schedule != null) {
            schedule.dispose();
        }
    }

    /** Purges every due fax; returns how many. */
    int sweep() {
        int purged = 0;
        while (true) {
            Instant now = clock.instant();
            var due = repository.claimDue(now.minus(props.retention()), props.purgeBatch(), now).collectList().block();
            if (due == null || due.isEmpty()) {
                break;
            }
            due.forEach(archiver::deleteDocuments);
            purged += due.size();
        }
        if (purged > 0) {
            log.info("retention: deleted the documents of {} received faxes older than {}", purged, props.retention());
        }
        return purged;
    }
}
