package org.faxserver.api.auth;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.faxserver.api.auth.TenantCredentialsRepository.StoredCredentials;
import org.faxserver.api.auth.model.ApiKeys;
import org.faxserver.api.auth.model.AuthThrottle;
import org.faxserver.api.auth.model.Credentials;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.outbox.DirectoryEvents;
import org.faxserver.api.user.model.UserDraft;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Checks tenant credentials: username + password (bcrypt) or an API key (SHA-256 lookup). Unknown
 * users and wrong passwords fail identically, including in timing (bcrypt runs against a dummy hash),
 * and failures are throttled per username (passwords) and per client address (passwords and API keys).
 */
@Component
public class TenantAuthenticator {
    static final String CHALLENGE = "Basic realm=\"faxserver\", Bearer realm=\"faxserver\"";

    /** A freshly issued API key with its owner; the clear key exists only in this answer. */
    public record IssuedKey(TenantPrincipal principal, String apiKey) {
        @Override
        public String toString() {
            return "IssuedKey[" + principal + "]";
        }
    }

    private final TenantCredentialsRepository repo;
    private final PasswordHasher hasher;
    private final AuthThrottle byUsername;
    private final AuthThrottle byAddress;
    private final DirectoryEvents events;
    private final TransactionalOperator tx;

    TenantAuthenticator(TenantCredentialsRepository repo, PasswordHasher hasher, SecurityProperties props,
                        DirectoryEvents events, TransactionalOperator tx, Clock clock) {
        this.repo = repo;
        this.hasher = hasher;
        this.events = events;
        this.tx = tx;
        var t = props.authThrottle();
        this.byUsername = new AuthThrottle(
                new AuthThrottle.Settings(t.maxFailures(), t.window(), t.lockout(), t.maxTrackedKeys()), clock);
        this.byAddress = new AuthThrottle(
                new AuthThrottle.Settings(t.maxFailuresPerAddress(), t.window(), t.lockout(), t.maxTrackedKeys()), clock);
    }

    public Mono<TenantPrincipal> authenticate(Credentials credentials, String clientAddress) {
        if (credentials instanceof Credentials.Basic basic) {
            return byPassword(basic.username(), basic.password(), clientAddress);
        }
        return byApiKey(((Credentials.Bearer) credentials).token(), clientAddress);
    }

    /**
     * Username + password. Both throttles (per username, and per client address, so one address cannot
     * try a few passwords each for many usernames) are checked before bcrypt runs, when the request comes in and
     * again on the bcrypt worker: a locked-out guesser costs no bcrypt work, and a burst of concurrent guesses gets
     * at most one more per bcrypt thread past the limit. A failure counts against both; a success clears only the username's count,
     * so an attacker holding one valid account cannot reset its address's count with it.
     */
    public Mono<TenantPrincipal> byPassword(String username, String password, String clientAddress) {
        String userKey = "user:" + username.toLowerCase(Locale.ROOT);
        String addressKey = addressKey(clientAddress);
        var blocked = byUsername.blockedFor(userKey).or(() -> byAddress.blockedFor(addressKey));
        if (blocked.isPresent()) {
            return Mono.error(new AuthThrottledException(blocked.get()));
        }
        // A password bcrypt cannot take (too long) is checked as a never-matching one, at the same cost.
        boolean possible = UserDraft.passwordProblem(password) == null;
        return repo.findByUsername(username)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> hasher.matches(possible ? password : "impossible",
                                found.filter(f -> possible).map(StoredCredentials::passwordHash).orElse(null),
                                () -> byUsername.blockedFor(userKey).or(() -> byAddress.blockedFor(addressKey)))
                        .flatMap(ok -> {
                            if (ok) {
                                byUsername.recordSuccess(userKey);
                                return Mono.just(principal(found.get()));
                            }
                            byUsername.recordFailure(userKey);
                            byAddress.recordFailure(addressKey);
                            return Mono.error(new AuthenticationFailedException(CHALLENGE));
                        }));
    }

    private Mono<TenantPrincipal> byApiKey(String token, String clientAddress) {
        String key = addressKey(clientAddress);
        var blocked = byAddress.blockedFor(key);
        if (blocked.isPresent()) {
            return Mono.error(new AuthThrottledException(blocked.get()));
        }
        String hash = ApiKeys.hash(token);
        return repo.findByApiKeyHash(hash)
                .filter(c -> ApiKeys.constantTimeEquals(hash, c.apiKeyHash()))
                .map(TenantAuthenticator::principal)
                .switchIfEmpty(Mono.defer(() -> {
                    byAddress.recordFailure(key);
                    return Mono.error(new AuthenticationFailedException(CHALLENGE));
                }));
    }

    /** Checks username and password, then replaces the user's API key with a new one. */
    public Mono<IssuedKey> issueApiKey(String username, String password, String clientAddress) {
        return byPassword(username, password, clientAddress).flatMap(p -> {
            String apiKey = ApiKeys.generate();
            return repo.replaceApiKey(p.userId(), ApiKeys.hash(apiKey))
                    .then(events.record(DirectoryChanged.updated(DirectoryEntity.USER, String.valueOf(p.userId()))))
                    .as(tx::transactional)
                    .thenReturn(new IssuedKey(p, apiKey));
        });
    }

    private static String addressKey(String clientAddress) {
        return "addr:" + clientAddress;
    }

    private static TenantPrincipal principal(StoredCredentials c) {
        return new TenantPrincipal(c.tenantId(), c.userId(), c.username());
    }
}
