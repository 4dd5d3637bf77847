package org.faxserver.api.auth;

import java.time.Duration;
import java.util.List;

import org.faxserver.api.auth.model.TrustedProxies;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.security.*}. The admin API key is mandatory: the seed answered every admin call
 * with 500 when it was empty; here the service refuses to start instead. {@code trusted-proxies} lists the reverse
 * proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} names the client for the login throttle.
 */
@ConfigurationProperties("faxserver.security")
public record SecurityProperties(String adminApiKey,
                                 @DefaultValue("10") int bcryptStrength,
                                 @DefaultValue AuthThrottleProperties authThrottle,
                                 @DefaultValue List<String> trustedProxies) {
    /** Shortest admin API key accepted at start-up. */
    public static final int MIN_ADMIN_API_KEY_LENGTH = 32;

    public SecurityProperties {
        if (adminApiKey == null || adminApiKey.isBlank()) {
            throw new IllegalArgumentException("faxserver.security.admin-api-key must be set "
                    + "(environment variable FAXSERVER_SECURITY_ADMIN_API_KEY); refusing to start without it");
        }
        // A key read from a Secret or file often ends in a newline that no client sends.
        adminApiKey = adminApiKey.strip();
        if (adminApiKey.length() < MIN_ADMIN_API_KEY_LENGTH) {
            // The key is the only admin credential and is checked over the network: it must not be guessable.
            throw new IllegalArgumentException("faxserver.security.admin-api-key (FAXSERVER_SECURITY_ADMIN_API_KEY) "
                    + "is " + adminApiKey.length() + " characters long; at least " + MIN_ADMIN_API_KEY_LENGTH
                    + " are required (e.g. `openssl rand -hex 32`); refusing to start");
        }
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("faxserver.security.bcrypt-strength must be between 4 and 31");
        }
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        try {
            TrustedProxies.parse(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("faxserver.security.trusted-proxies: " + e.getMessage(), e);
        }
    }

    /** {@code faxserver.security.auth-throttle.*}: failed tenant logins before a temporary lockout. */
    public record AuthThrottleProperties(@DefaultValue("5") int maxFailures,
                                         @DefaultValue("5m") Duration window,
                                         @DefaultValue("5m") Duration lockout,
                                         @DefaultValue("50") int maxFailuresPerAddress,
                                         @DefaultValue("100000") int maxTrackedKeys) {
    }

    @Override
    public String toString() {
        return "SecurityProperties[adminApiKey=***, bcryptStrength=" + bcryptStrength + ", authThrottle="
                + authThrottle + ", trustedProxies=" + trustedProxies + "]";
    }
}
