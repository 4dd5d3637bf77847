package org.faxserver.api.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.shared.model.Violations;
import org.faxserver.api.web.OpenApiConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "tenant: authentication")
class TenantAuthController {

    /** Body of POST /tenant/user/authenticate. */
    record AuthenticateRequest(String username, String password) {
        @Override
        public String toString() {
            return "AuthenticateRequest[username=" + username + "]";
        }
    }

    /** The new API key (shown only here); the user's previous key stops working. */
    record AuthenticateResponse(String message, String apiKey, long userId, long tenantId) {
    }

    record MeResponse(long tenantId, long userId, String username) {
    }

    private final TenantAuthenticator authenticator;
    private final ClientAddressResolver addresses;

    TenantAuthController(TenantAuthenticator authenticator, ClientAddressResolver addresses) {
        this.addresses = addresses;
        this.authenticator = authenticator;
    }

    @PostMapping("/tenant/user/authenticate")
    @Operation(summary = "Exchange username and password for a fresh API key (replaces the previous one)")
    Mono<AuthenticateResponse> authenticate(@RequestBody AuthenticateRequest body, ServerWebExchange exchange) {
        return Mono.fromRunnable(() -> {
                    Violations v = new Violations();
                    v.requiredText("username", body.username(), 64);
                    v.required("password", body.password());
                    v.throwIfAny();
                })
                .then(Mono.defer(() -> authenticator.issueApiKey(body.username(), body.password(),
                        addresses.throttleKey(exchange))))
                .map(k -> new AuthenticateResponse("authentication successful", k.apiKey(), k.principal().userId(),
                        k.principal().tenantId()));
    }

    @GetMapping("/tenant/me")
    @Operation(summary = "Who the credentials belong to")
    @SecurityRequirement(name = OpenApiConfiguration.TENANT_BASIC)
    @SecurityRequirement(name = OpenApiConfiguration.TENANT_BEARER)
    Mono<MeResponse> me(@Parameter(hidden = true) TenantPrincipal principal) {
        // The same principal is also in the Reactor context; answering from there proves both paths agree.
        return TenantContext.current()
                .filter(principal::equals)
                .map(p -> new MeResponse(p.tenantId(), p.userId(), p.username()))
                .switchIfEmpty(Mono.error(new IllegalStateException("principal in context differs from attribute")));
    }
}
