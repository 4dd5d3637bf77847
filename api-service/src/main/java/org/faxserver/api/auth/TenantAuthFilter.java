package org.faxserver.api.auth;

import org.faxserver.api.auth.model.Credentials;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /tenant/**} and {@code /fax/**} (except {@code POST /tenant/user/authenticate}).
 * On success the {@link TenantPrincipal} is stored as an exchange attribute and in the Reactor
 * context; controllers simply declare a {@code TenantPrincipal} parameter.
 */
@Component
@Order(-90)
class TenantAuthFilter implements WebFilter {
    private final TenantAuthenticator authenticator;
    private final ClientAddressResolver addresses;

    TenantAuthFilter(TenantAuthenticator authenticator, ClientAddressResolver addresses) {
        this.addresses = addresses;
        this.authenticator = authenticator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (AuthPaths.of(exchange) != AuthPaths.TENANT) {
            return chain.filter(exchange);
        }
        var credentials = Credentials.parse(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()) {
            return Mono.error(new AuthenticationFailedException(TenantAuthenticator.CHALLENGE));
        }
        return authenticator.authenticate(credentials.get(), addresses.throttleKey(exchange))
                .flatMap(principal -> {
                    exchange.getAttributes().put(TenantPrincipal.ATTRIBUTE, principal);
                    return chain.filter(exchange).contextWrite(ctx -> ctx.put(TenantPrincipal.class, principal));
                });
    }
}
