package org.faxserver.api.shared.model;

/**
 * Rules for text that ends up inside FreeSWITCH's originate dial string
 * ({@code originate {var=value,...}sofia/...}) and, for overrides, in mod_db commands.
 *
 * <p>esl-gateway escapes {@code \ , ' "} with a backslash and single-quotes values with spaces
 * ({@code DialString.quote}), but FreeSWITCH has no escape for the block's braces or for line breaks
 * (a line break would end the ESL command and start a new one), so esl-gateway can only drop those,
 * silently changing the text. We refuse them here instead, together with quotes and backslashes,
 * which no fax header or caller name needs and which would otherwise depend on every downstream
 * component escaping them correctly. A comma is allowed in free text ("ACME, Inc.") because the
 * escaping of {@code ,} as {@code \,} is what FreeSWITCH's {@code switch_separate_string} undoes.
 */
public final class DialStringText {
    /** Characters refused in every dial-string text: block delimiters, quotes and the escape character. */
    static final String BREAKING = "{}'\"\\";

    private DialStringText() {
    }

    /** Null when {@code s} may go into a dial string as free text; otherwise the reason. */
    public static String problem(String s) {
        if (s == null) {
            return null;
        }
        if (Violations.hasControlCharacters(s)) {
            return "must not contain control characters";
        }
        for (int i = 0; i < s.length(); i++) {
            if (BREAKING.indexOf(s.charAt(i)) >= 0) {
                return "must not contain any of { } ' \" \\ (they would break the FreeSWITCH dial string)";
            }
        }
        return null;
    }
}
