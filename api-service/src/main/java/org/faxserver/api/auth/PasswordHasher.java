package org.faxserver.api.auth;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt on a worker thread (it is deliberately slow and must not block the event loop). For unknown
 * users the caller checks against {@link #dummyHash()}, so a miss costs as much time as a wrong
 * password and response timing does not reveal which usernames exist.
 */
@Component
public class PasswordHasher {
    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;

    public PasswordHasher(SecurityProperties props) {
        this.encoder = new BCryptPasswordEncoder(props.bcryptStrength());
        this.dummyHash = encoder.encode("dummy password that matches nothing " + System.nanoTime());
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** False for a null hash (checked against the dummy hash to take the same time). */
    public Mono<Boolean> matches(String password, String hashOrNull) {
        return Mono.fromCallable(() -> {
            boolean ok = encoder.matches(password, hashOrNull == null ? dummyHash : hashOrNull);
            return ok && hashOrNull != null;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
