package org.faxserver.gateway.send.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The moments of one call that its watchdog judges. Null means "not yet".
 *
 * @param originatedAt  when we issued the originate
 * @param answeredAt    the far end answered
 * @param negotiatedAt  the last phase B (training) finished
 * @param lastPageAt    the last page went through
 * @param faxEndedAt    txfax finished (phase E or an early error); the call should hang up now
 * @param killedAt      we sent {@code uuid_kill}
 * @param deadline      the attempt's total deadline ({@code OriginateFax.deadline})
 */
public record CallTimeline(Instant originatedAt, Instant answeredAt, Instant negotiatedAt, Instant lastPageAt,
    Instant faxEndedAt, Instant killedAt, Instant deadline) {

  public CallTimeline {
    Objects.requireNonNull(originatedAt, "originatedAt");
    Objects.requireNonNull(deadline, "deadline");
  }
}
