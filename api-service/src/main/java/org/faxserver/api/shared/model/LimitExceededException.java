package org.faxserver.api.shared.model;

/**
 * A configured size limit was exceeded (413). {@code reason} is a stable code for clients, e.g.
 * {@code TOO_LARGE} or {@code TOO_MANY_FILES}.
 */
public class LimitExceededException extends RuntimeException {
    private final String reason;

    public LimitExceededException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
