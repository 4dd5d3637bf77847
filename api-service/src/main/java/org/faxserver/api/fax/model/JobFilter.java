package org.faxserver.api.fax.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.faxserver.api.shared.model.Violations;

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
        String toE164 = v.optionalPhoneNumber("to", to, defaultRegion);
        String fromE164 = v.optionalPhoneNumber("from", from, defaultRegion);
        if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
            v.add("created_after", "must be before created_before");
        }
        Map<String, String> l = Labels.filter(labels, v);
        v.throwIfAny();
        return new JobFilter(s, toE164, fromE164, createdAfter, createdBefore, l);
    }
}
