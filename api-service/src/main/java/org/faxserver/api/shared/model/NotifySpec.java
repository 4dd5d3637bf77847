package org.faxserver.api.shared.model;

import java.util.regex.Pattern;

/**
 * The seed's notification string: {@code <type>-><destination>} segments separated by ',', several
 * email addresses in one destination separated by ';'. The seed silently ignored the whole string on
 * a parse error; here a malformed string is rejected when it is stored.
 */
public final class NotifySpec {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int MAX_LENGTH = 2000;

    private NotifySpec() {
    }

    /** Returns the trimmed spec (null when blank) and records a violation when it is malformed. */
    public static String validate(String field, String value, Violations v) {
        String spec = v.optionalText(field, value, MAX_LENGTH);
        if (spec == null) {
            return null;
        }
        for (String segment : spec.split(",", -1)) {
            String problem = segmentProblem(segment.strip());
            if (problem != null) {
                v.add(field, problem);
                break;
            }
        }
        return spec;
    }

    private static String segmentProblem(String segment) {
        int arrow = segment.indexOf("->");
        if (arrow < 0) {
            return "segment '" + segment + "' must look like <type>-><destination>";
        }
        String type = segment.substring(0, arrow).strip();
        String destination = segment.substring(arrow + 2).strip();
        if (!TYPE.matcher(type).matches()) {
            return "segment '" + segment + "' has an invalid type";
        }
        if (destination.isEmpty()) {
            return "segment '" + segment + "' has no destination";
        }
        return null;
    }
}
