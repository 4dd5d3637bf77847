package org.faxserver.api.auth;

import org.faxserver.api.auth.model.TenantPrincipal;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets tenant controllers declare a {@link TenantPrincipal} parameter, filled by {@link TenantAuthFilter}. */
public class TenantPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TenantPrincipal.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        TenantPrincipal principal = exchange.getAttribute(TenantPrincipal.ATTRIBUTE);
        // A tenant route outside the filter's paths would be a programming error; still fail closed.
        return principal != null ? Mono.just(principal)
                : Mono.error(new AuthenticationFailedException(TenantAuthenticator.CHALLENGE));
    }
}
