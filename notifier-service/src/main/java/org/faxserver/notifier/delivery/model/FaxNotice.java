package org.faxserver.notifier.delivery.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;

/**
 * What a delivery tells its receiver: one fax and how it went. Built from {@code deliver.*},
 * {@code job.completed} or {@code inbound.received} and stored with the delivery, so a retry days
 * later sends exactly the same content.
 *
 * @param event        {@link NoticeEvent}
 * @param jobId        the job (for a failed reception: the call id)
 * @param tenantId     the tenant
 * @param from         sender; may be null
 * @param to           recipient number
 * @param pages        pages in the document (or transferred, for receptions)
 * @param success      whether the fax got through
 * @param status       the job status or reception result in one word, e.g. "SUCCEEDED"
 * @param reason       why it ended that way; may be null
 * @param remoteCsid   the far end's station id, when known
 * @param document     the fax document; null when there is none (e.g. nothing was received)
 * @param occurredAt   when the fact happened
 * @param labels       the job's labels
 * @param attempts     every attempt, in order (empty for document deliveries)
 */
public record FaxNotice(
    NoticeEvent event,
    UUID jobId,
    String tenantId,
    PhoneNumber from,
    PhoneNumber to,
    int pages,
    boolean success,
    String status,
    String reason,
    String remoteCsid,
    DocumentRef document,
    Instant occurredAt,
    Map<String, String> labels,
    List<AttemptLine> attempts) {

  public FaxNotice {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /**
   * One attempt as a fax machine's report lists it.
   *
   * @param number     1-based
   * @param endpoint   e.g. "gateway carrier1" or "webhook https://..."
   * @param startedAt  may be null
   * @param endedAt    may be null
   * @param success    whether it delivered
   * @param pages      pages transferred; null when not a fax call
   * @param bitRate    negotiated rate; null when none
   * @param remoteCsid far end's station id; may be null
   * @param result     result text, e.g. "OK" or "HTTP 503"; may be null
   */
  public record AttemptLine(
      int number,
      String endpoint,
      Instant startedAt,
      Instant endedAt,
      boolean success,
      Integer pages,
      Integer bitRate,
      String remoteCsid,
      String result) {}
}
