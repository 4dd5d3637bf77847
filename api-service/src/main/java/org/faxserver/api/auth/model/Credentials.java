package org.faxserver.api.auth.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** What an {@code Authorization} header carries, parsed without trusting it. */
public sealed interface Credentials {

    record Basic(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[" + username + "]";
        }
    }

    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /** Empty for a missing, malformed or unsupported header; callers answer all of these alike. */
    static Optional<Credentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(new Bearer(value));
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return decodeBasic(value);
        }
        return Optional.empty();
    }

    private static Optional<Credentials> decodeBasic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
