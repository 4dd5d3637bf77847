package org.faxserver.api.fallback.model;

import java.util.Locale;
import java.util.regex.Pattern;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.PhoneNumber;

/**
 * A validated dial-string override: channel variable {@code variable} = {@code value} on every call to
 * {@code destination} (the seed's mod_db realm {@code override-<destination>}).
 *
 * <p>The value goes into the originate dial string ({@code {variable=value,...}}) and into mod_db
 * ({@code db insert/override-<destination>/<variable>/<value>}) on every esl-gateway, so it is held to
 * stricter rules than free text: printable ASCII only, none of {@code , { } ' " \ /} (dial-string and
 * mod_db separators, quotes, the escape character) and no leading or trailing space. Variable names are
 * plain channel-variable names; names that make FreeSWITCH run commands or applications
 * ({@code api_on_answer}, {@code execute_on_*}, {@code *_hook}, ...) and {@code origination_uuid} (our
 * attempt id) are refused, so an override can tune a call but never take it over.
 */
public record DialOverride(PhoneNumber destination, String variable, String value) {
    /** The shared-model's rule ({@code OverrideChange}), also a valid mod_db key and dial-string name. */
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");
    /**
     * Families of variables whose value FreeSWITCH executes as an API command or dialplan application,
     * and the ones that would send the call (and the tenant's document) to another SIP destination.
     */
    private static final Pattern EXECUTING = Pattern.compile(
            "^api_.*|^exec.*|.*execute.*|.*hook.*|^transfer_.*|^sip_invite_req_uri$|^sip_route_uri$|^sip_network_destination$");
    /** Our attempt id; fax-queue drops it too (decision 0007), refusing it here tells the admin why. */
    private static final String RESERVED = "origination_uuid";
    /** mod_db's {@code select} returns values through a 256-byte buffer (reference §6.3). */
    public static final int MAX_VALUE = 255;
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E]+");
    /**
     * Characters that break the dial string or mod_db ({@code , { } ' " \ /}) or that FreeSWITCH would
     * expand or interpret ({@code $} variable and API expansion, {@code ^} delimiter change,
     * {@code [ ] < > |} channel-variable and bridge syntax).
     */
    private static final String VALUE_BREAKING = ",{}'\"\\/$^[]<>|";

    /** An override to set; every field is required. */
    public static DialOverride toSet(String destination, String variable, String value, String defaultRegion) {
        Violations v = new Violations();
        PhoneNumber number = v.phoneNumber("destination", destination, defaultRegion);
        String name = variable("variable", variable, true, v);
        String checked = value("value", value, v);
        v.throwIfAny();
        return new DialOverride(number, name, checked);
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
        if (!VARIABLE.matcher(raw).matches()) {
            v.add(field, "must be a channel variable name: a letter, then up to 127 letters, digits or _");
            return null;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!toSet) {
            return raw;
        }
        if (RESERVED.equals(lower)) {
            v.add(field, "origination_uuid is reserved: it ties the call to its fax attempt");
        } else if (EXECUTING.matcher(lower).matches()) {
            v.add(field, "variables that make FreeSWITCH run commands or applications cannot be overridden");
        }
        return raw;
    }

    private static String value(String field, String raw, Violations v) {
        if (raw == null || raw.isEmpty()) {
            v.add(field, "must not be empty (remove the override instead)");
            return null;
        }
        if (raw.length() > MAX_VALUE) {
            v.add(field, "must be at most " + MAX_VALUE + " characters");
        } else if (!VALUE.matcher(raw).matches()) {
            v.add(field, "must be printable ASCII without control characters");
        } else if (raw.chars().anyMatch(c -> VALUE_BREAKING.indexOf(c) >= 0)) {
            v.add(field, "must not contain any of , { } ' \" \\ / $ ^ [ ] < > | (they would break the dial string or "
                    + "mod_db, or FreeSWITCH would expand them)");
        } else if (raw.startsWith(" ") || raw.endsWith(" ")) {
            // esl-gateway quotes inner spaces; edge spaces would be lost or ambiguous in mod_db.
            v.add(field, "must not start or end with a space");
        }
        return raw;
    }
}
