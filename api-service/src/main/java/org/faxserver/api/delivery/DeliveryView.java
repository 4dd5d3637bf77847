package org.faxserver.api.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery as notifier-service publishes it in {@code notify.delivery_view}: a fax document for an
 * email/webhook endpoint (purpose DOCUMENT) or a receipt (purpose RECEIPT), with its state.
 */
public record DeliveryView(UUID deliveryId, String purpose, String channel, String tenantId, UUID jobId,
                           UUID attemptId, String endpointId, String receiptKind, String event, String target,
                           String status, int tries, int totalTries, int redeliveries, Instant nextAttemptAt,
                           Integer lastHttpStatus, String lastError, Instant createdAt, Instant updatedAt,
                           Instant finishedAt) {
    public static final String DEAD = "DEAD";
}
