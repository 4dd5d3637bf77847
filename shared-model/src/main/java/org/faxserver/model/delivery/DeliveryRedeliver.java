package org.faxserver.model.delivery;

import java.util.Objects;
import java.util.UUID;

/**
 * Command (api-service → notifier-service, {@code fax.commands}): try a dead-lettered delivery again
 * with a fresh retry schedule (decision 0008). A delivery that is not dead is left alone.
 *
 * @param deliveryId  {@code notify.delivery_view.delivery_id}
 * @param requestedBy who asked (admin), for the log; may be null
 */
public record DeliveryRedeliver(UUID deliveryId, String requestedBy) {

  public static final String TYPE = "delivery.redeliver";
  public static final int VERSION = 1;

  public DeliveryRedeliver {
    Objects.requireNonNull(deliveryId, "deliveryId");
  }
}
