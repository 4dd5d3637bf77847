package org.faxserver.api.shared.model;

/** One invalid input field: its name as the client spelled it (snake_case JSON name) and why. */
public record Violation(String field, String message) {
}
