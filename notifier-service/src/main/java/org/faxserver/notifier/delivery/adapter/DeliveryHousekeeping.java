package org.faxserver.notifier.delivery.adapter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets old history, run from the delivery loop's polls: once an hour, remembered job documents older than
 * their retention and finished deliveries (with their tries) older than theirs. Deliveries go one chunk per
 * poll while full chunks come back, so a large backlog (the first purge after an upgrade) never holds up a
 * poll's deliveries for long.
 */
final class DeliveryHousekeeping {

  private static final Logger log = LoggerFactory.getLogger(DeliveryHousekeeping.class);
  private static final Duration EVERY = Duration.ofHours(1);
  private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(1);

  private final DeliveryRepository deliveries;
  private final Duration deliveryRetention;
  private final Duration documentRetention;
  private final int chunk;
  private final Clock clock;
  private Instant lastRound = Instant.EPOCH;
  /** The last chunk was full: the next poll deletes the next one. */
  private boolean purging;
  private long deletedThisRound;

  DeliveryHousekeeping(DeliveryRepository deliveries, Duration deliveryRetention, Duration documentRetention,
      int chunk, Clock clock) {
    this.deliveries = deliveries;
    this.deliveryRetention = deliveryRetention;
    this.documentRetention = documentRetention;
    this.chunk = chunk;
    this.clock = clock;
  }

  /** One poll's share (the loop's thread only); the number of deliveries deleted. */
  long runIfDue() {
    if (!purging) {
      Instant now = clock.instant();
      if (now.isBefore(lastRound.plus(EVERY))) {
        return 0;
      }
      lastRound = now;
      deliveries.forgetDocumentsOlderThan(documentRetention).block(STATEMENT_TIMEOUT);
    }
    long deleted = deliveries.purgeFinishedOlderThan(deliveryRetention, chunk).blockOptional(STATEMENT_TIMEOUT)
        .orElse(0L);
    purging = deleted >= chunk;
    deletedThisRound += deleted;
    if (!purging && deletedThisRound > 0) {
      log.info("deleted {} deliveries finished more than {} ago", deletedThisRound, deliveryRetention);
      deletedThisRound = 0;
    }
    return deleted;
  }
}
