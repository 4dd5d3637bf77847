package org.faxserver.api.inbox.model;

import java.time.Instant;

import org.faxserver.api.shared.model.Violations;

/**
 * Filters of {@code GET /fax/inbox}; every one given must match. Numbers are compared in E.164, so
 * {@code to=2125550100} finds faxes received on {@code +12125550100}.
 */
public record InboxFilter(String to, String from, Boolean success, Instant receivedAfter, Instant receivedBefore) {

    public static InboxFilter of(String to, String from, Boolean success, Instant receivedAfter,
                                 Instant receivedBefore, String defaultRegion) {
        Violations v = new Violations();
        String toE164 = v.optionalPhoneNumber("to", to, defaultRegion);
        String fromE164 = v.optionalPhoneNumber("from", from, defaultRegion);
        if (receivedAfter != null && receivedBefore != null && !receivedAfter.isBefore(receivedBefore)) {
            v.add("received_after", "must be before received_before");
        }
        v.throwIfAny();
        return new InboxFilter(toE164, fromE164, success, receivedAfter, receivedBefore);
    }
}
