package org.faxserver.notifier.delivery.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing to deliver through one channel, stored as it was decided so every try sends the same.
 *
 * @param id             the delivery id; also the stable event id receivers de-duplicate on
 * @param purpose        document delivery or receipt
 * @param channel        the {@code DeliveryChannel} name, e.g. "email" or "webhook"
 * @param targets        webhook URL (one) or email addresses (one or more)
 * @param endpointId     directory endpoint for document deliveries (signing secret, payload style);
 *                       null for receipts
 * @param attemptId      fax-queue's attempt id for document deliveries; null for receipts
 * @param receiptKind    the notify kind for receipts (e.g. "email_full"); null for documents
 * @param attachDocument attach the fax as PDF (when the notice has a document)
 * @param attachReport   attach the transmission report PDF
 * @param multipart      webhook only: multipart/form-data with files instead of JSON; for document
 *                       deliveries the endpoint's payload style decides at send time
 * @param notice         the content
 */
public record DeliveryTask(
    UUID id,
    Purpose purpose,
    String channel,
    List<String> targets,
    String endpointId,
    UUID attemptId,
    String receiptKind,
    boolean attachDocument,
    boolean attachReport,
    boolean multipart,
    FaxNotice notice) {

  public DeliveryTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(notice, "notice");
    targets = targets == null ? List.of() : List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a delivery needs a target");
    }
    if (purpose == Purpose.DOCUMENT && (attemptId == null || endpointId == null)) {
      throw new IllegalArgumentException("a document delivery needs its attempt and endpoint");
    }
  }

  /** The first (for webhooks: the only) target. */
  public String target() {
    return targets.get(0);
  }
}
