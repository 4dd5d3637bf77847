package org.faxserver.api.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.Violation;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * A GET (or HEAD) route refuses query parameters it does not know (400, each one named), so a misspelt filter such as
 * {@code ?stauts=FAILED} is an error instead of an unfiltered list. The known ones are the route's
 * {@code @RequestParam}s.
 */
@ControllerAdvice(basePackages = "org.faxserver.api")
class UnknownQueryParameters {

    /** How Spring names a {@code @RequestParam} without a name: after the Java parameter. */
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

    @ModelAttribute
    void refuseUnknown(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD
                || !(exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod h)) {
            return;
        }
        Set<String> names = known.computeIfAbsent(h, UnknownQueryParameters::requestParams);
        List<Violation> unknown = exchange.getRequest().getQueryParams().keySet().stream()
                .filter(name -> !names.contains(name))
                .sorted()
                .map(name -> new Violation(name, "is not a known parameter"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
    }

    private static Set<String> requestParams(HandlerMethod handler) {
        String[] javaNames = NAMES.getParameterNames(handler.getMethod());
        return Stream.of(handler.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(RequestParam.class))
                .map(p -> {
                    String name = p.getParameterAnnotation(RequestParam.class).name();
                    return name.isEmpty() && javaNames != null ? javaNames[p.getParameterIndex()] : name;
                })
                .collect(Collectors.toUnmodifiableSet());
    }
}
