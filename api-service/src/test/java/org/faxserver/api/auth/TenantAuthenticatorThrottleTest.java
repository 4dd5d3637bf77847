package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.faxserver.api.auth.SecurityProperties.AuthThrottleProperties;
import org.faxserver.api.auth.TenantCredentialsRepository.StoredCredentials;
import org.faxserver.api.outbox.DirectoryEvents;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The password throttles, without a database: what matters is which throttle answers and that a
 * throttled attempt never reaches bcrypt (counted on the hasher).
 */
class TenantAuthenticatorThrottleTest {
    private static final String PASSWORD = "correct horse battery";
    private static final SecurityProperties PROPS = new SecurityProperties("k".repeat(32), 4,
            new AuthThrottleProperties(3, Duration.ofMinutes(5), Duration.ofMinutes(10), 5, 1000), List.of());

    private final AtomicInteger bcryptRuns = new AtomicInteger();
    private static final int BCRYPT_THREADS = 2;

    private final PasswordHasher hasher = new PasswordHasher(PROPS, BCRYPT_THREADS) {
        @Override
        public Mono<Boolean> matches(String password, String hashOrNull, Supplier<Optional<Duration>> lockedNow) {
            // Counted where bcrypt really runs: on the worker, once the throttle let it through.
            return super.matches(password, hashOrNull, () -> {
                Optional<Duration> locked = lockedNow.get();
                if (locked.isEmpty()) {
                    bcryptRuns.incrementAndGet();
                    sleep(20); // as slow as real bcrypt, so a burst's requests all arrive before any is decided
                }
                return locked;
            });
        }
    };
    private final String hash = hasher.hash(PASSWORD).block();
    private final TenantCredentialsRepository repo = new TenantCredentialsRepository(null) {
        @Override
        Mono<StoredCredentials> findByUsername(String username) {
            return Mono.just(new StoredCredentials(username.length(), 7, username, hash, null));
        }
    };
    private final TenantAuthenticator auth = new TenantAuthenticator(repo, hasher, PROPS, new DirectoryEvents(null),
            null, Clock.systemUTC());

    @Test
    void oneAddressTryingManyUsernamesIsThrottledBeforeBcrypt() {
        for (int i = 0; i < 5; i++) {
            String user = "user" + i;
            assertThatThrownBy(() -> auth.byPassword(user, "wrong password", "192.0.2.1").block())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
        int before = bcryptRuns.get();
        // The address is locked: even the right password of a fresh username is refused, without bcrypt.
        assertThatThrownBy(() -> auth.byPassword("alice", PASSWORD, "192.0.2.1").block())
                .isInstanceOf(AuthThrottledException.class);
        assertThat(bcryptRuns.get()).isEqualTo(before);
        // Another address is not affected.
        assertThat(auth.byPassword("alice", PASSWORD, "192.0.2.2").block().username()).isEqualTo("alice");
    }

    @Test
    void aBurstOfConcurrentGuessesGetsAtMostOneMorePerBcryptThreadPastTheLimit() {
        int guesses = 24;
        List<Throwable> outcomes = Flux.range(0, guesses)
                .flatMap(i -> auth.byPassword("carol", "wrong password " + i, "192.0.2." + (100 + i))
                        .map(p -> (Throwable) new AssertionError("a wrong password was accepted"))
                        .onErrorResume(e -> Mono.just(e)), guesses)
                .collectList()
                .block(Duration.ofMinutes(1));

        // All were checked against the throttle when they came in (none was locked yet); without the second check on
        // the bcrypt worker every one of them would have run bcrypt.
        int limit = 3 + BCRYPT_THREADS - 1;
        assertThat(bcryptRuns.get()).isBetween(3, limit);
        assertThat(outcomes).hasSize(guesses)
                .allMatch(e -> e instanceof AuthenticationFailedException || e instanceof AuthThrottledException);
        assertThat(outcomes).filteredOn(e -> e instanceof AuthThrottledException).hasSize(guesses - bcryptRuns.get());
    }

    @Test
    void aLockedUsernameIsRefusedBeforeBcryptFromAnyAddress() {
        for (int i = 0; i < 3; i++) {
            String address = "198.51.100." + i;
            assertThatThrownBy(() -> auth.byPassword("bob", "wrong password", address).block())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
        int before = bcryptRuns.get();
        assertThatThrownBy(() -> auth.byPassword("BOB", PASSWORD, "198.51.100.99").block())
                .isInstanceOf(AuthThrottledException.class);
        assertThat(bcryptRuns.get()).isEqualTo(before);
    }

    @Test
    void aSuccessDoesNotResetTheAddressCount() {
        for (int i = 0; i < 4; i++) {
            String user = "guess" + i;
            assertThatThrownBy(() -> auth.byPassword(user, "wrong password", "203.0.113.1").block())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
        // An attacker's own valid account must not wipe the address's failures.
        auth.byPassword("mallory", PASSWORD, "203.0.113.1").block();
        assertThatThrownBy(() -> auth.byPassword("guess9", "wrong password", "203.0.113.1").block())
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> auth.byPassword("mallory", PASSWORD, "203.0.113.1").block())
                .isInstanceOf(AuthThrottledException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
