package org.faxserver.api.auth.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code maxFailures} failed attempts for one key (a username,
 * or a client address) within {@code window}, the key is refused for {@code lockout}, even with
 * correct credentials. Keys are throttled whether or not the user exists, so the throttle reveals
 * nothing about which usernames are real. State is per process (in memory).
 *
 * <p><b>Bounded memory that does not fail open.</b> At most {@code maxTrackedKeys} keys are kept.
 * When the table is full, expired entries go first, then the least recently failed entries that are
 * not locked, and only if every entry is locked the least recently failed locked ones. A flood of
 * distinct keys therefore pushes out other one-off failures, never the lockouts it is meant to escape.
 * Eviction frees a tenth of the table at once, so a flood costs one scan per many failures. Keys
 * longer than {@value #MAX_KEY_LENGTH} characters (a megabyte "username") are stored as their
 * SHA-256, so a key's size is bounded too.
 */
public final class AuthThrottle {
    static final int MAX_KEY_LENGTH = 128;

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
    /** Insertion order = order of the last failure (an updated key is re-inserted at the end). */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public AuthThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Empty when the key may try; otherwise how long until it may try again. */
    public synchronized Optional<Duration> blockedFor(String key) {
        Entry e = entries.get(bounded(key));
        Instant now = clock.instant();
        if (e == null || e.lockedUntil() == null || !now.isBefore(e.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.lockedUntil()));
    }

    public synchronized void recordFailure(String key) {
        String k = bounded(key);
        Instant now = clock.instant();
        Entry previous = entries.remove(k);
        if (previous == null && entries.size() >= settings.maxTrackedKeys()) {
            evict(now);
        }
        entries.put(k, next(previous, now));
    }

    public synchronized void recordSuccess(String key) {
        entries.remove(bounded(key));
    }

    /** How many keys are remembered (bounded by maxTrackedKeys). */
    public synchronized int trackedKeys() {
        return entries.size();
    }

    private Entry next(Entry e, Instant now) {
        if (e == null || now.isAfter(e.windowStart().plus(settings.window()))) {
            // A new window, but a running lockout (lockout may outlast the window) is kept.
            e = new Entry(0, now, isLocked(e, now) ? e.lockedUntil() : null);
        }
        int failures = e.failures() + 1;
        Instant lockedUntil = failures >= settings.maxFailures() ? now.plus(settings.lockout()) : e.lockedUntil();
        return new Entry(failures, e.windowStart(), lockedUntil);
    }

    /** Frees room for at least one key, and about a tenth of the table, never clearing lockouts first. */
    private void evict(Instant now) {
        int target = settings.maxTrackedKeys() - Math.max(1, settings.maxTrackedKeys() / 10);
        entries.values().removeIf(e -> isExpired(e, now));
        removeOldest(target, false, now);
        removeOldest(target, true, now);
    }

    private void removeOldest(int target, boolean evenLocked, Instant now) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > target && it.hasNext()) {
            Entry e = it.next().getValue();
            if (evenLocked || !isLocked(e, now)) {
                it.remove();
            }
        }
    }

    private boolean isLocked(Entry e, Instant now) {
        return e != null && e.lockedUntil() != null && now.isBefore(e.lockedUntil());
    }

    private boolean isExpired(Entry e, Instant now) {
        return now.isAfter(e.windowStart().plus(settings.window())) && !isLocked(e, now);
    }

    private static String bounded(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }
}
