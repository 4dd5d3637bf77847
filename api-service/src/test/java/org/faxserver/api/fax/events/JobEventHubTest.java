package org.faxserver.api.fax.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class JobEventHubTest {
    private final JobEventHub hub = new JobEventHub();

    private static JobEvent event(UUID job, String name) {
        return new JobEvent(job, null, name, name, false);
    }

    @Test
    void eachWatcherGetsOnlyItsJobsEvents() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<Object> first = new CopyOnWriteArrayList<>();
        List<Object> second = new CopyOnWriteArrayList<>();
        Disposable s1 = hub.events(a).subscribe(e -> first.add(e.data()));
        Disposable s2 = hub.events(a).subscribe(e -> second.add(e.data()));
        Disposable s3 = hub.events(b).subscribe(e -> { });
        hub.publish(event(a, "one"));
        hub.publish(event(b, "other"));
        hub.publish(event(UUID.randomUUID(), "nobody watches"));
        assertThat(first).containsExactly("one");
        assertThat(second).containsExactly("one");
        s1.dispose();
        s2.dispose();
        s3.dispose();
    }

    @Test
    void aJobsSinkIsDroppedWithItsLastWatcherAndRecreatedForTheNext() {
        UUID job = UUID.randomUUID();
        Disposable s1 = hub.events(job).subscribe();
        Disposable s2 = hub.events(job).subscribe();
        s1.dispose();
        assertThat(hub.watchedJobs()).isEqualTo(1);
        s2.dispose();
        assertThat(hub.watchedJobs()).isZero();

        List<Object> later = new CopyOnWriteArrayList<>();
        Disposable s3 = hub.events(job).subscribe(e -> later.add(e.data()));
        hub.publish(event(job, "after"));
        assertThat(later).containsExactly("after");
        s3.dispose();
    }
}
