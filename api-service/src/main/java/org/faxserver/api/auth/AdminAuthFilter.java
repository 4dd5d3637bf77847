package org.faxserver.api.auth;

import java.time.Clock;
import java.util.Optional;

import org.faxserver.api.auth.model.ApiKeys;
import org.faxserver.api.auth.model.AuthThrottle;
import org.faxserver.api.auth.model.Credentials;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /admin/**} with the admin API key, given as the HTTP Basic password (username
 * ignored, as in the seed) or as {@code Authorization: Bearer <key>}. Compared in constant time.
 * Repeated failures from one client address are throttled like tenant API-key failures.
 */
@Component
@Order(-100)
class AdminAuthFilter implements WebFilter {
    static final String CHALLENGE = "Basic realm=\"faxserver-admin\", Bearer realm=\"faxserver-admin\"";
    private final String adminApiKey;
    private final AuthThrottle byAddress;
    private final ClientAddressResolver addresses;

    AdminAuthFilter(SecurityProperties props, ClientAddressResolver addresses, Clock clock) {
        this.adminApiKey = props.adminApiKey();
        this.addresses = addresses;
        var t = props.authThrottle();
        this.byAddress = new AuthThrottle(new AuthThrottle.Settings(t.maxFailuresPerAddress(), t.window(), t.lockout(),
                t.maxTrackedKeys()), clock);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (AuthPaths.of(exchange) != AuthPaths.ADMIN) {
            return chain.filter(exchange);
        }
        String address = addresses.throttleKey(exchange);
        Optional<Credentials> credentials =
                Credentials.parse(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        String presented = credentials.map(c -> c instanceof Credentials.Basic b ? b.password()
                : ((Credentials.Bearer) c).token()).orElse("");
        // Always compare (even for a missing header) so every failure takes the same path. The key is
        // 32+ random characters, so guessing is hopeless anyway: a correct key passes even while its
        // address is throttled (behind a proxy many clients share one address; failures from it must
        // not lock the admin out).
        boolean ok = ApiKeys.constantTimeEquals(presented, adminApiKey) && credentials.isPresent();
        if (ok) {
            return chain.filter(exchange);
        }
        var blocked = byAddress.blockedFor(address);
        if (blocked.isPresent()) {
            return Mono.error(new AuthThrottledException(blocked.get()));
        }
        byAddress.recordFailure(address);
        return Mono.error(new AuthenticationFailedException(CHALLENGE));
    }
}
