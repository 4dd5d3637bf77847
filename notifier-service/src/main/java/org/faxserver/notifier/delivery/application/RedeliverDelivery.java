package org.faxserver.notifier.delivery.application;

import java.util.Objects;
import java.util.UUID;

/**
 * Command (api-service → notifier, {@code fax.commands}, routing key {@value #TYPE}): try a
 * dead-lettered delivery again with a fresh schedule. Proposed for shared-model
 * ({@code org.faxserver.model.delivery}); until it is there, notifier-service registers this record
 * for the type, and api-service can publish the same JSON.
 *
 * @param deliveryId  {@code notify.delivery_view.delivery_id}
 * @param requestedBy who asked (admin user or key id), for the log; may be null
 */
public record RedeliverDelivery(UUID deliveryId, String requestedBy) {

  public static final String TYPE = "delivery.redeliver";
  public static final int VERSION = 1;

  public RedeliverDelivery {
    Objects.requireNonNull(deliveryId, "deliveryId");
  }
}
