package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Failures from one address are throttled; the correct admin key still gets through (proxies share addresses). */
class AdminAuthFilterThrottleTest {
    private static final String KEY = "k".repeat(40);
    private final AdminAuthFilter filter = new AdminAuthFilter(new SecurityProperties(" " + KEY + "\n", 4,
            new SecurityProperties.AuthThrottleProperties(5, Duration.ofMinutes(5), Duration.ofMinutes(5), 2, 1000)),
            Clock.systemUTC());

    private Mono<Void> call(String bearer) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/admin/tenant")
                .remoteAddress(new InetSocketAddress("203.0.113.7", 40000))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer));
        return filter.filter(exchange, e -> Mono.empty());
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
