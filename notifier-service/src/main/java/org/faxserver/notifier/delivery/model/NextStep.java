package org.faxserver.notifier.delivery.model;

import java.time.Instant;

/** What follows a try. */
public sealed interface NextStep {

  /** The receiver has it; the delivery is over. */
  record Delivered() implements NextStep {}

  /** Try again at {@code at}. */
  record RetryAt(Instant at) implements NextStep {}

  /** No more tries: the delivery is dead-lettered (kept, shown to admins, redeliverable). */
  record DeadLetter(String reason) implements NextStep {}
}
