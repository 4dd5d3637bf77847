package org.faxserver.api.web;

import org.faxserver.api.fax.DocumentProperties;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared Content-Length above the limit with 413 before reading anything: for
 * {@code POST /fax/send} the upload limit ({@code faxserver.documents.max-upload-bytes} plus room for
 * the form fields and multipart framing), for everything else {@code faxserver.web.max-request-body-size}.
 * Chunked bodies without a length are stopped by the codec limit, or for uploads by the byte count
 * taken while the files are streamed to disk.
 */
@Component
@Order(-200)
class RequestBodyLimitFilter implements WebFilter {
    /** Form fields and part headers around the files; each field is also capped by the codec limit. */
    static final long MULTIPART_OVERHEAD_BYTES = 1024 * 1024;
    private final long maxBytes;
    private final long maxUploadBytes;

    RequestBodyLimitFilter(WebProperties props, DocumentProperties documents) {
        this.maxBytes = props.maxRequestBodySize().toBytes();
        this.maxUploadBytes = documents.maxUploadBytes().toBytes() + MULTIPART_OVERHEAD_BYTES;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        long limit = isUpload(exchange) ? maxUploadBytes : maxBytes;
        if (length > limit) {
            return Mono.error(new DataBufferLimitException("request body of " + length + " bytes exceeds " + limit));
        }
        return chain.filter(exchange);
    }

    private static boolean isUpload(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod() == HttpMethod.POST
                && "/fax/send".equals(exchange.getRequest().getPath().pathWithinApplication().value());
    }
}
