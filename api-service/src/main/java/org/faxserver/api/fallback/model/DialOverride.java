package org.faxserver.api.fallback.model;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.DialOverridePolicy;

/**
 * A validated dial-string override: channel variable {@code variable} = {@code value} on every call to
 * {@code destination} (the seed's mod_db realm {@code override-<destination>}). What may be set is
 * {@link DialOverridePolicy}'s rule, the one every service on the way to FreeSWITCH applies; here each
 * problem becomes a violation the admin sees.
 */
public record DialOverride(PhoneNumber destination, String variable, String value) {
    /** An override to set; every field is required. */
    public static DialOverride toSet(String destination, String variable, String value, String defaultRegion) {
        Violations v = new Violations();
        PhoneNumber number = v.phoneNumber("destination", destination, defaultRegion);
        String name = variable("variable", variable, true, v);
        DialOverridePolicy.valueProblem(value).ifPresent(problem -> v.add("value", problem));
        v.throwIfAny();
        return new DialOverride(number, name, value);
    }

    /** An override to remove: destination and variable only ({@code value} is null). */
    public static DialOverride toRemove(String destination, String variable, String defaultRegion) {
        Violations v = new Violations();
        PhoneNumber number = v.phoneNumber("destination", destination, defaultRegion);
        // Only the name's syntax: removing an override is always safe, whatever variable it set.
        String name = variable("variable", variable, false, v);
        v.throwIfAny();
        return new DialOverride(number, name, null);
    }

    private static String variable(String field, String raw, boolean toSet, Violations v) {
        if (raw == null || raw.isBlank()) {
            v.add(field, "must not be blank");
            return null;
        }
        (toSet ? DialOverridePolicy.variableProblem(raw) : DialOverridePolicy.nameProblem(raw))
                .ifPresent(problem -> v.add(field, problem));
        return raw;
    }
}
