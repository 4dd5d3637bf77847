package org.faxserver.api.fax.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.job.JobStatus;

/**
 * The statuses the API shows: {@value #SUBMITTED} for a job fax-queue has not picked up yet, then
 * fax-queue's {@link JobStatus} names (a name this version does not know is shown as given).
 */
public final class JobStatuses {
    public static final String SUBMITTED = "SUBMITTED";
    private static final Set<String> KNOWN = knownStatuses();

    private JobStatuses() {
    }

    /** Whether a job in this status will not change again. */
    public static boolean isFinal(String status) {
        return !SUBMITTED.equals(status) && Arrays.stream(JobStatus.values())
                .anyMatch(s -> s.name().equals(status) && s.isFinal());
    }

    /** The {@code status} list filter, upper-cased; unknown names are a violation. */
    public static Set<String> filter(List<String> values, Violations v) {
        Set<String> statuses = new LinkedHashSet<>();
        for (String value : values) {
            for (String s : value.split(",")) {
                String name = s.strip().toUpperCase(Locale.ROOT);
                if (KNOWN.contains(name)) {
                    statuses.add(name);
                } else if (!name.isEmpty()) {
                    v.add("status", "'" + s.strip() + "' is not one of " + String.join(", ", KNOWN));
                }
            }
        }
        return statuses;
    }

    private static Set<String> knownStatuses() {
        Set<String> known = new LinkedHashSet<>();
        known.add(SUBMITTED);
        known.addAll(Arrays.stream(JobStatus.values()).filter(s -> s != JobStatus.UNKNOWN).map(Enum::name)
                .collect(Collectors.toList()));
        return Collections.unmodifiableSet(known);
    }
}
