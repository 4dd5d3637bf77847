package org.faxserver.api.auth;

/**
 * Any authentication failure. Deliberately carries no reason: missing header, bad format, unknown
 * user and wrong password all produce the same 401 (the seed's distinct messages allowed user
 * enumeration).
 */
public class AuthenticationFailedException extends RuntimeException {
    private final String challenge;

    public AuthenticationFailedException(String challenge) {
        super("authentication failed", null, false, false);
        this.challenge = challenge;
    }

    /** Value of the WWW-Authenticate header. */
    public String challenge() {
        return challenge;
    }
}
