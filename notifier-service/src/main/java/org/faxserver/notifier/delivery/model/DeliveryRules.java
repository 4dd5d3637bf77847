package org.faxserver.notifier.delivery.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what follows a try: a success ends the delivery; a permanent failure dead-letters it at
 * once; a transient one is tried again after the schedule's next pause, and dead-lettered after the
 * last try. Nothing is ever dropped.
 */
public final class DeliveryRules {

  private final RetrySchedule documentSchedule;
  private final RetrySchedule receiptSchedule;

  /**
   * @param documentSchedule for fax-queue's {@code deliver.*}: must end well inside fax-queue's
   *                         attempt timeout, or fax-queue gives the attempt up and tries again itself
   * @param receiptSchedule  for receipts: seconds to days
   */
  public DeliveryRules(RetrySchedule documentSchedule, RetrySchedule receiptSchedule) {
    this.documentSchedule = Objects.requireNonNull(documentSchedule, "documentSchedule");
    this.receiptSchedule = Objects.requireNonNull(receiptSchedule, "receiptSchedule");
  }

  public RetrySchedule scheduleFor(Purpose purpose) {
    return purpose == Purpose.DOCUMENT ? documentSchedule : receiptSchedule;
  }

  /**
   * @param purpose    the delivery's purpose (picks the schedule)
   * @param outcome    how the try went
   * @param triesSoFar tries including this one
   * @param now        when it ended
   */
  public NextStep next(Purpose purpose, TryOutcome outcome, int triesSoFar, Instant now) {
    if (outcome.success()) {
      return new NextStep.Delivered();
    }
    if (!outcome.retryable()) {
      return new NextStep.DeadLetter("permanent failure: " + outcome.detail());
    }
    Optional<Duration> pause = scheduleFor(purpose).delayAfter(triesSoFar);
    if (pause.isEmpty()) {
      return new NextStep.DeadLetter("gave up after " + triesSoFar + " tries: " + outcome.detail());
    }
    return new NextStep.RetryAt(now.plus(pause.get()));
  }
}
