package org.faxserver.model.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The wrapper every message travels in.
 *
 * @param messageId     unique per message; consumers use it to drop redeliveries
 * @param type          the payload's {@code TYPE}, e.g. "job.submitted"
 * @param version       the payload's {@code VERSION}; bumped only for incompatible changes
 * @param occurredAt    when the fact happened or the command was issued
 * @param correlationId ties messages of one job or call together (usually the job id); may be null
 * @param payload       the message record
 * @param <T>           payload type
 */
public record Envelope<T>(
    UUID messageId, String type, int version, Instant occurredAt, String correlationId, T payload) {

  public Envelope {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(payload, "payload");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
  }

  /** A new envelope with a random message id, stamped with the clock's current instant. */
  public static <T> Envelope<T> of(
      String type, int version, String correlationId, T payload, Clock clock) {
    return new Envelope<>(UUID.randomUUID(), type, version, clock.instant(), correlationId, payload);
  }
}
