package org.faxserver.api.inbox.model;

import java.time.Instant;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.InvalidPhoneNumberException;
import org.faxserver.model.PhoneNumber;

/**
 * Filters of {@code GET /fax/inbox}; every one given must match. Numbers are compared in E.164, so
 * {@code to=2125550100} finds faxes received on {@code +12125550100}.
 */
public record InboxFilter(String to, String from, Boolean success, Instant receivedAfter, Instant receivedBefore) {

    public static InboxFilter of(String to, String from, Boolean success, Instant receivedAfter,
                                 Instant receivedBefore, String defaultRegion) {
        Violations v = new Violations();
        String toE164 = number("to", to, defaultRegion, v);
        String fromE164 = number("from", from, defaultRegion, v);
        if (receivedAfter != null && receivedBefore != null && !receivedAfter.isBefore(receivedBefore)) {
            v.add("received_after", "must be before received_before");
        }
        v.throwIfAny();
        return new InboxFilter(toE164, fromE164, success, receivedAfter, receivedBefore);
    }

    private static String number(String field, String value, String defaultRegion, Violations v) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return PhoneNumber.parse(value, defaultRegion).e164();
        } catch (InvalidPhoneNumberException e) {
            v.add(field, "is not a valid phone number: " + e.reason());
            return null;
        }
    }
}
