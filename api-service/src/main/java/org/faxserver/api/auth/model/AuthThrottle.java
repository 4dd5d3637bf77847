package org.faxserver.api.auth.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} failed attempts for one key (a username,
 * or a client address for API keys) within {@code window}, the key is refused for {@code lockout},
 * even with correct credentials. Keys are throttled whether or not the user exists, so the throttle
 * reveals nothing about which usernames are real. State is per process (in memory).
 */
public final class AuthThrottle {

    public record Settings(int maxFailures, Duration window, Duration lockout, int maxTrackedKeys) {
        public Settings {
            if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative()
                    || maxTrackedKeys < 1) {
                throw new IllegalArgumentException("invalid throttle settings");
            }
        }
    }

    private record Entry(int failures, Instant windowStart, Instant lockedUntil) {
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AuthThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Empty when the key may try; otherwise how long until it may try again. */
    public Optional<Duration> blockedFor(String key) {
        Entry e = entries.get(key);
        Instant now = clock.instant();
        if (e == null || e.lockedUntil() == null || !now.isBefore(e.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.lockedUntil()));
    }

    public void recordFailure(String key) {
        Instant now = clock.instant();
        if (entries.size() >= settings.maxTrackedKeys()) {
            evictExpired(now);
        }
        entries.compute(key, (k, e) -> next(e, now));
    }

    public void recordSuccess(String key) {
        entries.remove(key);
    }

    /** How many keys are remembered (bounded by maxTrackedKeys). */
    public int trackedKeys() {
        return entries.size();
    }

    private Entry next(Entry e, Instant now) {
        if (e == null || now.isAfter(e.windowStart().plus(settings.window()))) {
            e = new Entry(0, now, null);
        }
        int failures = e.failures() + 1;
        Instant lockedUntil = failures >= settings.maxFailures() ? now.plus(settings.lockout()) : e.lockedUntil();
        return new Entry(failures, e.windowStart(), lockedUntil);
    }

    private void evictExpired(Instant now) {
        entries.entrySet().removeIf(en -> isExpired(en.getValue(), now));
        if (entries.size() >= settings.maxTrackedKeys()) {
            // Memory stays bounded under a flood of distinct keys; forgetting is safer than growing.
            entries.clear();
        }
    }

    private boolean isExpired(Entry e, Instant now) {
        boolean windowOver = now.isAfter(e.windowStart().plus(settings.window()));
        boolean unlocked = e.lockedUntil() == null || !now.isBefore(e.lockedUntil());
        return windowOver && unlocked;
    }
}
