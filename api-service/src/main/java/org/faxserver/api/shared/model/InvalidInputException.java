package org.faxserver.api.shared.model;

import java.util.List;

/** Input that breaks a rule; carries every violated field so the client can fix them all at once. */
public class InvalidInputException extends RuntimeException {
    private final transient List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super("invalid input: " + violations);
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
