package org.faxserver.api.fax.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * In-process fan-out of job events to the SSE streams of this instance, one multicast sink per job
 * that someone watches. The sink lives exactly as long as it has watchers: the count is kept in the
 * map entry and changed atomically, so a watcher arriving while the last one leaves never ends up on
 * a sink that was already dropped.
 */
public class JobEventHub {
    private record Entry(Sinks.Many<JobEvent> sink, int watchers) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    /** Events of the job from now on; never completes by itself. */
    public Flux<JobEvent> events(UUID jobId) {
        return Flux.defer(() -> {
            Entry entry = entries.compute(jobId, (id, old) -> old == null
                    ? new Entry(Sinks.many().multicast().directBestEffort(), 1)
                    : new Entry(old.sink(), old.watchers() + 1));
            return entry.sink().asFlux()
                    .doFinally(signal -> entries.computeIfPresent(jobId, (id, old) -> old.watchers() <= 1
                            ? null : new Entry(old.sink(), old.watchers() - 1)));
        });
    }

    /** Hands the event to the job's watchers, if any. Called from one listener thread. */
    public void publish(JobEvent event) {
        Entry entry = entries.get(event.jobId());
        if (entry != null) {
            // Best effort by design: progress is informational and a status is re-read on reconnect.
            entry.sink().tryEmitNext(event);
        }
    }

    /** Jobs with at least one watcher (for tests and diagnostics). */
    public int watchedJobs() {
        return entries.size();
    }
}
