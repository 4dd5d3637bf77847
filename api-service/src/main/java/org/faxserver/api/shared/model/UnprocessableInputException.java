package org.faxserver.api.shared.model;

import java.util.List;

/**
 * Input that is well-formed but cannot be acted on (422), e.g. a destination that is not a phone
 * number or a sender number of another tenant. Names each field and the reason.
 */
public class UnprocessableInputException extends InvalidInputException {

    public UnprocessableInputException(List<Violation> violations) {
        super(violations);
    }

    public static UnprocessableInputException of(String field, String message) {
        return new UnprocessableInputException(List.of(new Violation(field, message)));
    }
}
