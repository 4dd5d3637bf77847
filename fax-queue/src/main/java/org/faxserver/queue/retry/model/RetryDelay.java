package org.faxserver.queue.retry.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code retry_delay} setting: plain seconds ("300", as the seed documents but never parsed) or a
 * number with a unit s, m, h or d ("90s", "5m", "1h"). There is no cap: the seed silently capped every
 * wait at 60 s, which made any longer delay meaningless.
 */
public final class RetryDelay {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([smhd]?)");

  private final Duration duration;

  private RetryDelay(Duration duration) {
    this.duration = duration;
  }

  /**
   * Parses the setting.
   *
   * @throws IllegalArgumentException for anything else, so a typo fails at start-up instead of
   *     silently falling back to a default as the seed did
   */
  public static RetryDelay parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("retry_delay is required");
    }
    Matcher m = FORMAT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "retry_delay must be seconds (\"300\") or a duration like \"90s\", \"5m\", \"1h\", \"1d\"; was '"
              + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "m":
        return of(Duration.ofMinutes(amount));
      case "h":
        return of(Duration.ofHours(amount));
      case "d":
        return of(Duration.ofDays(amount));
      default:
        return of(Duration.ofSeconds(amount));
    }
  }

  public static RetryDelay of(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("retry_delay cannot be negative");
    }
    return new RetryDelay(duration);
  }

  public Duration duration() {
    return duration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryDelay other && other.duration.equals(duration);
  }

  @Override
  public int hashCode() {
    return duration.hashCode();
  }

  @Override
  public String toString() {
    return duration.toString();
  }
}
