package org.faxserver.api.auth;

import java.util.Locale;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

/** Which protection a request path needs, judged on its first path segment. */
enum AuthPaths {
    ADMIN, TENANT, AUTHENTICATE, PUBLIC;

    static AuthPaths of(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        String first = null;
        int segments = 0;
        StringBuilder joined = new StringBuilder();
        for (PathContainer.Element e : path.elements()) {
            if (e instanceof PathContainer.PathSegment s && !s.valueToMatch().isEmpty()) {
                // Lower-cased so that case variants of a protected prefix can never skip authentication.
                String v = s.valueToMatch().toLowerCase(Locale.ROOT);
                if (first == null) {
                    first = v;
                }
                joined.append('/').append(v);
                segments++;
            }
        }
        String rest = joined.toString();
        if ("admin".equals(first)) {
            return ADMIN;
        }
        if ("/tenant/user/authenticate".equals(rest) && segments == 3) {
            return AUTHENTICATE;
        }
        if ("tenant".equals(first) || "fax".equals(first)) {
            return TENANT;
        }
        return PUBLIC;
    }
}
