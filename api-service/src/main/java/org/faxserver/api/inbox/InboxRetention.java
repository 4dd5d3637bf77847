package org.faxserver.api.inbox;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Deletes received documents older than the retention period, in batches, every purge interval.
 * Several api-service replicas may sweep at once: deleting a document twice is harmless.
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
        schedule = Flux.interval(props.purgeInterval(), props.purgeInterval(), Schedulers.boundedElastic())
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
            var due = repository.due(clock.instant().minus(props.retention()), props.purgeBatch()).collectList().block();
            if (due == null || due.isEmpty()) {
                break;
            }
            due.forEach(archiver::purge);
            purged += due.size();
        }
        if (purged > 0) {
            log.info("retention: deleted the documents of {} received faxes older than {}", purged, props.retention());
        }
        return purged;
    }
}
