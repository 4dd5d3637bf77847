package org.faxserver.api.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt on worker threads of its own, one per core (it is deliberately slow and must not block the event loop;
 * more threads would only queue for the CPU). An unknown user (a null hash) is checked against a dummy hash, so a
 * miss costs as much time as a wrong password and response timing does not reveal which usernames exist.
 */
@Component
public class PasswordHasher implements DisposableBean {
    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;
    private final Scheduler workers;

    @Autowired
    public PasswordHasher(SecurityProperties props) {
        this(props, Runtime.getRuntime().availableProcessors());
    }

    PasswordHasher(SecurityProperties props, int threads) {
        this.workers = Schedulers.newBoundedElastic(threads, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "bcrypt",
                60, true);
        this.encoder = new BCryptPasswordEncoder(props.bcryptStrength());
        this.dummyHash = encoder.encode("dummy password that matches nothing " + System.nanoTime());
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(workers);
    }

    /** False for a null hash (checked against the dummy hash to take the same time). */
    public Mono<Boolean> matches(String password, String hashOrNull) {
        return matches(password, hashOrNull, Optional::empty);
    }

    /**
     * Like {@link #matches(String, String)}, but asks {@code lockedNow} first, on the worker, right before bcrypt
     * runs: a login throttle checked only when the request came in would let a burst of concurrent guesses all
     * through while their bcrypt work waits for a thread. Fails with {@link AuthThrottledException} when locked.
     */
    public Mono<Boolean> matches(String password, String hashOrNull, Supplier<Optional<Duration>> lockedNow) {
        return Mono.fromCallable(() -> {
            Optional<Duration> locked = lockedNow.get();
            if (locked.isPresent()) {
                throw new AuthThrottledException(locked.get());
            }
            boolean ok = encoder.matches(password, hashOrNull == null ? dummyHash : hashOrNull);
            return ok && hashOrNull != null;
        }).subscribeOn(workers);
    }

    @Override
    public void destroy() {
        workers.dispose();
    }
}
