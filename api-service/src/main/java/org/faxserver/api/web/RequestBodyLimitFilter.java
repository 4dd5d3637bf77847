package org.faxserver.api.web;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared Content-Length above {@code faxserver.web.max-request-body-size} with 413 before
 * reading anything. Chunked bodies without a length are stopped by the codec limit (same setting).
 */
@Component
@Order(-200)
class RequestBodyLimitFilter implements WebFilter {
    private final long maxBytes;

    RequestBodyLimitFilter(WebProperties props) {
        this.maxBytes = props.maxRequestBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return Mono.error(new DataBufferLimitException("request body of " + length + " bytes exceeds " + maxBytes));
        }
        return chain.filter(exchange);
    }
}
