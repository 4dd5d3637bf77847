package org.faxserver.api.fax.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.InvalidPhoneNumberException;
import org.faxserver.model.PhoneNumber;

/**
 * Filters of {@code GET /fax/jobs}; every one given must match. Numbers are compared in E.164, so
 * {@code to=2125550100} finds jobs sent to {@code +12125550100}.
 */
public record JobFilter(Set<String> statuses, String to, String from, Instant createdAfter, Instant createdBefore,
                        Map<String, String> labels) {
    public JobFilter {
        statuses = Set.copyOf(statuses);
        labels = Map.copyOf(labels);
    }

    public static JobFilter of(List<String> statuses, String to, String from, Instant createdAfter,
                               Instant createdBefore, List<String> labels, String defaultRegion) {
        Violations v = new Violations();
        Set<String> s = JobStatuses.filter(statuses, v);
        String toE164 = number("to", to, defaultRegion, v);
        String fromE164 = number("from", from, defaultRegion, v);
        if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
            v.add("created_after", "must be before created_before");
        }
        Map<String, String> l = Labels.filter(labels, v);
        v.throwIfAny();
        return new JobFilter(s, toE164, fromE164, createdAfter, createdBefore, l);
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
