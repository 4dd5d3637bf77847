package org.faxserver.api.user.model;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.faxserver.api.shared.model.Violations;

/**
 * Validated content of a tenant user. {@code password} is the clear text on its way to the hasher;
 * it is null on an update that keeps the current password.
 */
public record UserDraft(long tenantId, String username, String password) {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{3,64}");
    public static final int MIN_PASSWORD = 8;
    /** bcrypt only looks at the first 72 bytes; longer passwords would be silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    public static UserDraft forCreate(Long tenantId, String username, String password) {
        return of(tenantId, username, password, true);
    }

    public static UserDraft forUpdate(Long tenantId, String username, String password) {
        return of(tenantId, username, password, false);
    }

    private static UserDraft of(Long tenantId, String username, String password, boolean passwordRequired) {
        Violations v = new Violations();
        v.required("tenant_id", tenantId);
        if (username == null || !USERNAME.matcher(username).matches()) {
            v.add("username", "must be 3-64 characters of letters, digits and . _ @ + -");
        }
        if (password != null || passwordRequired) {
            String problem = passwordProblem(password);
            if (problem != null) {
                v.add("password", problem);
            }
        }
        v.throwIfAny();
        return new UserDraft(tenantId, username, password);
    }

    /** Null when acceptable, else the reason. Also used to skip bcrypt for impossible passwords at login. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return "must be at least " + MIN_PASSWORD + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)";
        }
        return null;
    }
}
