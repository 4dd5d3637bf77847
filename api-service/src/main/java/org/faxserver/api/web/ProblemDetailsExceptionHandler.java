package org.faxserver.api.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.faxserver.api.auth.AuthThrottledException;
import org.faxserver.api.auth.AuthenticationFailedException;
import org.faxserver.document.DocumentRejectedException;
import org.faxserver.api.shared.model.ConflictException;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.LimitExceededException;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.UnprocessableInputException;
import org.faxserver.api.shared.model.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Renders every error, from controllers and from web filters alike, as an RFC 7807 problem
 * ({@code application/problem+json}). Bad input always yields a 4xx naming the offending field; only
 * our own bugs and broken infrastructure produce a 5xx, and those never echo internals.
 * Runs before Spring Boot's default error handler (order -1).
 */
@Component
@Order(-2)
class ProblemDetailsExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);
    private final ObjectMapper json;

    ProblemDetailsExceptionHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = toProblem(ex, response.getHeaders());
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (problem.getStatus() >= 500) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        } else {
            log.debug("{} {} -> {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.getStatus(), ex.toString());
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body;
        try {
            body = json.writeValueAsBytes(asMap(problem));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private ProblemDetail toProblem(Throwable ex, HttpHeaders headers) {
        if (ex instanceof AuthenticationFailedException a) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, a.challenge());
            return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "Authentication required: missing or invalid credentials.");
        }
        if (ex instanceof AuthThrottledException t) {
            long seconds = Math.max(1, t.retryAfter().toSeconds());
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            return ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed authentication attempts; retry after " + seconds + " s.");
        }
        if (ex instanceof UnprocessableInputException u) {
            return invalid(HttpStatus.UNPROCESSABLE_ENTITY, "The request cannot be processed.", u.violations());
        }
        if (ex instanceof InvalidInputException i) {
            return invalid("Invalid request.", i.violations()); // fields, form parts or query parameters
        }
        if (ex instanceof DocumentRejectedException d) {
            // Limits (pages, bytes, pixels) are 413 like any oversized body; unusable content is 422.
            HttpStatus status = d.reason().isLimitExceeded() ? HttpStatus.PAYLOAD_TOO_LARGE
                    : HttpStatus.UNPROCESSABLE_ENTITY;
            ProblemDetail p = ProblemDetail.forStatusAndDetail(status, d.getMessage());
            p.setProperty("reason", d.reason().name());
            return p;
        }
        if (ex instanceof LimitExceededException l) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, l.getMessage());
            p.setProperty("reason", l.reason());
            return p;
        }
        if (causedBy(ex, RejectedExecutionException.class) != null) {
            // The conversion pool and its queue are full: a temporary overload, not a bug.
            headers.set(HttpHeaders.RETRY_AFTER, "10");
            return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many documents are being converted; retry shortly.");
        }
        if (ex instanceof NotFoundException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        }
        if (ex instanceof ConflictException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        }
        if (causedBy(ex, DataBufferLimitException.class) != null) {
            // The rest of the body is never read; closing the connection is cheaper than draining it.
            headers.set(HttpHeaders.CONNECTION, "close");
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "Request body is too large.");
            p.setProperty("reason", "TOO_LARGE"); // same code as the upload limits of POST /fax/send
            return p;
        }
        if (ex instanceof ServerWebInputException in) {
            return inputProblem(in);
        }
        if (ex instanceof ErrorResponse er) {
            headers.addAll(er.getHeaders());
            ProblemDetail body = er.getBody();
            return body.getStatus() >= 500 ? internal() : body;
        }
        return internal();
    }

    private ProblemDetail inputProblem(ServerWebInputException ex) {
        if (ex instanceof MissingRequestValueException m) {
            return invalid("Missing " + m.getLabel() + ".", List.of(new Violation(m.getName(), "is required")));
        }
        MethodParameter param = ex.getMethodParameter();
        if (param != null && !param.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
            return invalid("Invalid request parameter.", List.of(new Violation(parameterName(param), expected(param))));
        }
        Throwable jackson = causedBy(ex, JsonProcessingException.class);
        if (jackson instanceof UnrecognizedPropertyException u) {
            return invalid("Invalid request content.", List.of(new Violation(path(u, u.getPropertyName()), "is not a known field")));
        }
        if (jackson instanceof InvalidFormatException || jackson instanceof MismatchedInputException) {
            String field = path((JsonMappingException) jackson, null);
            if (!field.isEmpty()) {
                return invalid("Invalid request content.", List.of(new Violation(field, "has the wrong type or format")));
            }
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Request body has the wrong JSON structure.");
        }
        if (jackson instanceof JsonMappingException m && !path(m, null).isEmpty()) {
            return invalid("Invalid request content.", List.of(new Violation(path(m, null), "is invalid")));
        }
        if (jackson instanceof JsonParseException || jackson != null) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Request body is not valid JSON.");
        }
        String reason = ex.getReason() != null && ex.getReason().startsWith("No request body")
                ? "Request body is missing." : "Request body could not be read.";
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, reason);
    }

    /** What a path or query value of the parameter's type must look like. */
    private static String expected(MethodParameter p) {
        Class<?> type = p.getParameterType();
        if (type == UUID.class) {
            return "is not a valid id (UUID)";
        }
        if (type == Instant.class) {
            return "is not an ISO 8601 date and time with its zone, such as 2026-12-07T00:00:00Z";
        }
        if (type == LocalDate.class) {
            return "is not an ISO 8601 date, such as 2026-12-07";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "is not a whole number in range";
        }
        if (type.isEnum()) {
            return "is not one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "has an invalid value";
    }

    private static String parameterName(MethodParameter p) {
        RequestParam rp = p.getParameterAnnotation(RequestParam.class);
        if (rp != null && !rp.name().isEmpty()) {
            return rp.name();
        }
        PathVariable pv = p.getParameterAnnotation(PathVariable.class);
        if (pv != null && !pv.name().isEmpty()) {
            return pv.name();
        }
        return String.valueOf(p.getParameterName());
    }

    /** The JSON path of the failing value as the client wrote it, e.g. {@code gateway.allowed_sources[1]}. */
    private static String path(JsonMappingException e, String lastProperty) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
                last = r.getFieldName();
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
                last = null;
            }
        }
        if (lastProperty != null && !lastProperty.equals(last)) {
            sb.append(sb.isEmpty() ? "" : ".").append(lastProperty);
        }
        return sb.toString();
    }

    private static ProblemDetail invalid(String detail, List<Violation> violations) {
        return invalid(HttpStatus.BAD_REQUEST, detail, violations);
    }

    private static ProblemDetail invalid(HttpStatus status, String detail, List<Violation> violations) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setProperty("errors", violations.stream()
                .map(v -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("field", v.field());
                    m.put("message", v.message());
                    return m;
                }).toList());
        return p;
    }

    private static ProblemDetail internal() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T causedBy(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return (T) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Map<String, Object> asMap(ProblemDetail p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.getType().toString());
        HttpStatus status = HttpStatus.resolve(p.getStatus());
        m.put("title", p.getTitle() != null ? p.getTitle() : status != null ? status.getReasonPhrase() : "Error");
        m.put("status", p.getStatus());
        if (p.getDetail() != null) {
            m.put("detail", p.getDetail());
        }
        if (p.getInstance() != null) {
            m.put("instance", p.getInstance().toString());
        }
        if (p.getProperties() != null) {
            m.putAll(p.getProperties());
        }
        return m;
    }
}
