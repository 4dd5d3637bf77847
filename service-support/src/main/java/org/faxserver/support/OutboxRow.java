package org.faxserver.support;

import java.util.UUID;

/** An outbox row as the relay publishes it. */
record OutboxRow(long id, UUID messageId, String exchange, String routingKey, String type, String payload,
                 int attempts) {
}
