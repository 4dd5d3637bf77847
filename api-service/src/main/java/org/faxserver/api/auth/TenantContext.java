package org.faxserver.api.auth;

import org.faxserver.api.auth.model.TenantPrincipal;
import reactor.core.publisher.Mono;

/**
 * The authenticated tenant principal from the Reactor context, for code below the controller that
 * has no exchange at hand. Fails closed (401) when called outside an authenticated tenant request.
 */
public final class TenantContext {
    private TenantContext() {
    }

    public static Mono<TenantPrincipal> current() {
        return Mono.deferContextual(ctx -> ctx.hasKey(TenantPrincipal.class)
                ? Mono.just(ctx.get(TenantPrincipal.class))
                : Mono.error(new AuthenticationFailedException(TenantAuthenticator.CHALLENGE)));
    }
}
