package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.faxserver.api.auth.SecurityProperties.AuthThrottleProperties;
import org.faxserver.api.auth.TenantCredentialsRepository.StoredCredentials;
import org.faxserver.api.outbox.DirectoryEvents;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The password throttles, without a database: what matters is which throttle answers and that a
 * throttled attempt never reaches bcrypt (counted on the hasher).
 */
class TenantAuthenticatorThrottleTest {
    private static final String PASSWORD = "correct horse battery";
    private static final SecurityProperties PROPS = new SecurityProperties("k".repeat(32), 4,
            new AuthThrottleProperties(3, Duration.ofMinutes(5), Duration.ofMinutes(10), 5, 1000));

    private final AtomicInteger bcryptRuns = new AtomicInteger();
    private final PasswordHasher hasher = new PasswordHasher(PROPS) {
        @Override
        public Mono<Boolean> matches(String password, String hashOrNull) {
            bcryptRuns.incrementAndGet();
            return super.matches(password, hashOrNull);
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
}
