package org.faxserver.api.shared.model;

/** The request clashes with the current state (duplicate key, dependent rows). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
