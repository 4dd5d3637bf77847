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

    @Test
    void aFullTableEvictsOneOffFailuresNotLockouts() {
        AuthThrottle t = throttle(10);
        for (int i = 0; i < 3; i++) {
            t.recordFailure("victim-of-guessing");
        }
        // A flood of distinct keys, each failing once, must not wipe the lockout it is meant to escape.
        for (int i = 0; i < 1000; i++) {
            t.recordFailure("flood" + i);
        }
        assertThat(t.trackedKeys()).isLessThanOrEqualTo(10);
        assertThat(t.blockedFor("victim-of-guessing")).isPresent();
    }

    @Test
    void whenEveryEntryIsLockedTheLeastRecentlyFailedGoesFirst() {
        AuthThrottle t = throttle(2);
        for (String key : new String[] {"old", "newer"}) {
            for (int i = 0; i < 3; i++) {
                t.recordFailure(key);
            }
            now = now.plusSeconds(1);
        }
        t.recordFailure("newest");
        assertThat(t.trackedKeys()).isLessThanOrEqualTo(2);
        assertThat(t.blockedFor("old")).isEmpty();
        assertThat(t.blockedFor("newer")).isPresent();
    }

    @Test
    void aLockoutLongerThanTheWindowSurvivesFurtherFailures() {
        AuthThrottle t = throttle(100); // window 5 min, lockout 10 min
        for (int i = 0; i < 3; i++) {
            t.recordFailure("frank");
        }
        now = now.plus(Duration.ofMinutes(6));
        t.recordFailure("frank"); // a new window starts, but the lockout must not be forgotten
        assertThat(t.blockedFor("frank")).contains(Duration.ofMinutes(4));
    }

    @Test
    void longKeysAreBoundedButStayDistinct() {
        AuthThrottle t = throttle(100);
        String a = "a".repeat(1_000_000);
        String b = "a".repeat(999_999) + "b";
        for (int i = 0; i < 3; i++) {
            t.recordFailure(a);
        }
        assertThat(t.blockedFor(a)).isPresent();
        assertThat(t.blockedFor(b)).isEmpty();
        assertThat(t.trackedKeys()).isEqualTo(1);
    }
}
