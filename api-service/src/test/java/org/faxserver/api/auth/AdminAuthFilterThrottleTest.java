package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Failures from one address are throttled; the correct admin key still gets through (proxies share addresses). */
class AdminAuthFilterThrottleTest {
    private static final String KEY = "k".repeat(40);
    /** 10.0.0.0/8 is the ingress in front of the service. */
    private static final SecurityProperties PROPS = new SecurityProperties(" " + KEY + "\n", 4,
            new SecurityProperties.AuthThrottleProperties(5, Duration.ofMinutes(5), Duration.ofMinutes(5), 2, 1000),
            List.of("10.0.0.0/8"));
    private final AdminAuthFilter filter = new AdminAuthFilter(PROPS, new ClientAddressResolver(PROPS),
            Clock.systemUTC());

    private Mono<Void> call(String bearer) {
        return call(bearer, "203.0.113.7", null);
    }

    private Mono<Void> call(String bearer, String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/admin/tenant")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return filter.filter(MockServerWebExchange.from(request), e -> Mono.empty());
    }

    /** What a wrong key from {@code peer} (forwarding {@code forwardedFor}) is answered with. */
    private Throwable wrongKey(String peer, String forwardedFor) {
        return catchThrowable(() -> call("wrong", peer, forwardedFor).block());
    }

    @Test
    void behindATrustedProxyEachForwardedClientIsThrottledOnItsOwn() {
        assertThat(wrongKey("10.1.2.3", "198.51.100.1")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(wrongKey("10.1.2.3", "198.51.100.1")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(wrongKey("10.1.2.3", "198.51.100.1")).isInstanceOf(AuthThrottledException.class);
        // Another client behind the same ingress is not locked out with the first one ...
        assertThat(wrongKey("10.1.2.3", "198.51.100.2")).isInstanceOf(AuthenticationFailedException.class);
        // ... and the locked one cannot escape by putting another address in front of the ingress's entry.
        assertThat(wrongKey("10.1.2.3", "192.0.2.99, 198.51.100.1")).isInstanceOf(AuthThrottledException.class);
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        assertThat(wrongKey("203.0.113.8", "192.0.2.1")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(wrongKey("203.0.113.8", "192.0.2.2")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(wrongKey("203.0.113.8", "192.0.2.3")).isInstanceOf(AuthThrottledException.class);
    }

    @Test
    void afterTheLockoutWrongKeysAreThrottledButTheRightKeyStillPasses() {
        assertThatThrownBy(() -> call("wrong-1").block()).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> call("wrong-2").block()).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> call("wrong-3").block()).isInstanceOf(AuthThrottledException.class);

        // The configured key had a stray space and newline: it is compared stripped.
        assertThat(call(KEY).block()).isNull();
    }
}
