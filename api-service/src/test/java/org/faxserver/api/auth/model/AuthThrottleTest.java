package org.faxserver.api.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private AuthThrottle throttle(int maxTracked) {
        return new AuthThrottle(new AuthThrottle.Settings(3, Duration.ofMinutes(5), Duration.ofMinutes(10), maxTracked),
                clock);
    }

    @Test
    void locksAfterTheConfiguredFailuresForTheLockout() {
        AuthThrottle t = throttle(100);
        t.recordFailure("alice");
        t.recordFailure("alice");
        assertThat(t.blockedFor("alice")).isEmpty();
        t.recordFailure("alice");
        assertThat(t.blockedFor("alice")).contains(Duration.ofMinutes(10));
        now = now.plus(Duration.ofMinutes(9));
        assertThat(t.blockedFor("alice")).contains(Duration.ofMinutes(1));
        now = now.plus(Duration.ofMinutes(1));
        assertThat(t.blockedFor("alice")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotAccumulate() {
        AuthThrottle t = throttle(100);
        t.recordFailure("bob");
        t.recordFailure("bob");
        now = now.plus(Duration.ofMinutes(6));
        t.recordFailure("bob");
        assertThat(t.blockedFor("bob")).isEmpty();
    }

    @Test
    void successResetsTheCount() {
        AuthThrottle t = throttle(100);
        t.recordFailure("carol");
        t.recordFailure("carol");
        t.recordSuccess("carol");
        t.recordFailure("carol");
        assertThat(t.blockedFor("carol")).isEmpty();
    }

    @Test
    void keysAreIndependent() {
        AuthThrottle t = throttle(100);
        for (int i = 0; i < 3; i++) {
            t.recordFailure("dave");
        }
        assertThat(t.blockedFor("erin")).isEmpty();
    }

    @Test
    void memoryStaysBoundedUnderManyDistinctKeys() {
        AuthThrottle t = throttle(10);
        for (int i = 0; i < 1000; i++) {
            t.recordFailure("user" + i);
            assertThat(t.trackedKeys()).isLessThanOrEqualTo(10);
        }
        for (int i = 0; i < 3; i++) {
            t.recordFailure("last");
        }
        assertThat(t.blockedFor("last")).isPresent();
    }
}
