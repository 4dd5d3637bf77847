package org.faxserver.notifier.delivery.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pauses between tries: after try {@code n} the delivery waits {@code delays[n-1]}; after the
 * last delay's try it is over. So a schedule of k delays allows k + 1 tries.
 */
public record RetrySchedule(List<Duration> delays) {

  public RetrySchedule {
    delays = delays == null ? List.of() : List.copyOf(delays);
    for (Duration d : delays) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("retry delays must be zero or positive, was " + d);
      }
    }
  }

  public static RetrySchedule of(Duration... delays) {
    return new RetrySchedule(List.of(delays));
  }

  /** Tries allowed in all. */
  public int maxTries() {
    return delays.size() + 1;
  }

  /** The pause after try {@code triesSoFar} (1-based), or empty when that was the last try. */
  public Optional<Duration> delayAfter(int triesSoFar) {
    if (triesSoFar < 1) {
      throw new IllegalArgumentException("tries start at 1, was " + triesSoFar);
    }
    return triesSoFar <= delays.size() ? Optional.of(delays.get(triesSoFar - 1)) : Optional.empty();
  }

  /** The whole wait from the first try to the last. */
  public Duration span() {
    return delays.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
