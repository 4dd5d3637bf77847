package org.faxserver.api.shared.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field violations while validating a whole payload, so the client gets every problem in
 * one answer instead of fixing them one request at a time.
 */
public final class Violations {
    private final List<Violation> list = new ArrayList<>();

    public Violations add(String field, String message) {
        list.add(new Violation(field, message));
        return this;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * A required phone number in any form (national input read with {@code defaultRegion}); blank or
     * not a number is recorded against {@code field} with the reason, and null returned.
     */
    public org.faxserver.model.PhoneNumber phoneNumber(String field, String value, String defaultRegion) {
        if (value == null || value.isBlank()) {
            add(field, "must not be blank");
            return null;
        }
        try {
            return org.faxserver.model.PhoneNumber.parse(value, defaultRegion);
        } catch (org.faxserver.model.InvalidPhoneNumberException e) {
            add(field, "is not a valid phone number: " + e.reason());
            return null;
        }
    }

    /** An optional phone number as E.164; null when absent or invalid (then recorded against {@code field}). */
    public String optionalPhoneNumber(String field, String value, String defaultRegion) {
        if (value == null || value.isBlank()) {
            return null;
        }
        org.faxserver.model.PhoneNumber number = phoneNumber(field, value, defaultRegion);
        return number == null ? null : number.e164();
    }

    /** Required text of bounded length without control characters; returns the trimmed value. */
    public String requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "must not be blank");
            return null;
        }
        return optionalText(field, value, maxLength);
    }

    /** Optional text: null/blank becomes null; otherwise bounded length and no control characters. */
    public String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        } else if (hasControlCharacters(trimmed)) {
            // These values end up in ESL commands and dial strings, where a newline would inject headers.
            add(field, "must not contain control characters");
        }
        return trimmed;
    }

    /**
     * Optional text that goes into the originate dial string (caller ID name, page header, ident):
     * like {@link #optionalText} and without the characters {@link DialStringText} refuses.
     */
    public String optionalDialText(String field, String value, int maxLength) {
        int before = list.size();
        String text = optionalText(field, value, maxLength);
        if (text != null && list.size() == before) {
            String problem = DialStringText.problem(text);
            if (problem != null) {
                add(field, problem);
            }
        }
        return text;
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            add(field, "is required");
        }
        return value;
    }

    public Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidInputException(list);
        }
    }

    /** Like {@link #throwIfAny()}, for values that are well-formed but cannot be acted on (422). */
    public void throwUnprocessableIfAny() {
        if (!list.isEmpty()) {
            throw new UnprocessableInputException(list);
        }
    }

    public List<Violation> asList() {
        return List.copyOf(list);
    }

    static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
