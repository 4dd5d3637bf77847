package org.faxserver.api.auth;

import org.faxserver.api.auth.model.TenantPrincipal;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class TenantContextTest {
    @Test
    void returnsThePrincipalPutByTheFilter() {
        TenantPrincipal p = new TenantPrincipal(3, 9, "alice");
        StepVerifier.create(TenantContext.current().contextWrite(ctx -> ctx.put(TenantPrincipal.class, p)))
                .expectNext(p).verifyComplete();
    }

    @Test
    void failsClosedWithoutAnAuthenticatedTenant() {
        StepVerifier.create(TenantContext.current()).expectError(AuthenticationFailedException.class).verify();
    }
}
