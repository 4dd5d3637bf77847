package org.faxserver.api.fax.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.faxserver.api.shared.model.Violations;

/**
 * Client tags on a job. Sent either as one {@code labels} field holding a JSON object of strings, or
 * as repeated {@code label} fields {@code key=value} (easier from curl); both may be combined as long
 * as no key repeats. Keys are short identifiers so they can be used as list filters
 * ({@code GET /fax/jobs?label=key=value}).
 */
public final class Labels {
    public static final String OBJECT_FIELD = "labels";
    public static final String PAIR_FIELD = "label";
    public static final int MAX_LABELS = 20;
    public static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    private Labels() {
    }

    /** The validated labels, sorted by key; violations are recorded under the field the client used. */
    public static Map<String, String> of(Map<String, String> object, List<String> pairs, Violations v) {
        Map<String, String> labels = new TreeMap<>();
        if (object != null) {
            object.forEach((key, value) -> put(labels, OBJECT_FIELD, key, value, v));
        }
        for (String pair : pairs) {
            Map.Entry<String, String> entry = pair(pair);
            if (entry == null) {
                v.add(PAIR_FIELD, "'" + pair + "' must look like key=value");
            } else {
                put(labels, PAIR_FIELD, entry.getKey(), entry.getValue(), v);
            }
        }
        if (labels.size() > MAX_LABELS) {
            v.add(OBJECT_FIELD, "at most " + MAX_LABELS + " labels");
        }
        return labels;
    }

    /** {@code key=value} split at the first '='; null when there is none. */
    public static Map.Entry<String, String> pair(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        return eq < 0 ? null : Map.entry(text.substring(0, eq).strip(), text.substring(eq + 1));
    }

    /** List filter: every {@code key=value} must match; a malformed filter is a violation of {@code label}. */
    public static Map<String, String> filter(List<String> pairs, Violations v) {
        Map<String, String> filter = new LinkedHashMap<>();
        for (String text : pairs) {
            Map.Entry<String, String> entry = pair(text);
            if (entry == null || !KEY.matcher(entry.getKey()).matches()) {
                v.add(PAIR_FIELD, "'" + text + "' must look like key=value");
            } else {
                filter.put(entry.getKey(), entry.getValue());
            }
        }
        return filter;
    }

    private static void put(Map<String, String> labels, String field, String key, String value, Violations v) {
        if (key == null || !KEY.matcher(key).matches()) {
            v.add(field, "key '" + key + "' must be 1-64 letters, digits, '_', '.' or '-'");
        } else if (value == null || value.length() > MAX_VALUE_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            v.add(field, "value of '" + key + "' must be a string of at most " + MAX_VALUE_LENGTH
                    + " characters without control characters");
        } else if (labels.putIfAbsent(key, value) != null) {
            v.add(field, "label '" + key + "' is given twice");
        }
    }
}
