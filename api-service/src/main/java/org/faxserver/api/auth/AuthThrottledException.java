package org.faxserver.api.auth;

import java.time.Duration;

/** Too many failed logins for a username or client address; answered with 429 and Retry-After. */
public class AuthThrottledException extends RuntimeException {
    private final Duration retryAfter;

    public AuthThrottledException(Duration retryAfter) {
        super("too many failed authentication attempts", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
