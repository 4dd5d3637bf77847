package org.faxserver.api.outbox;

import java.time.Clock;

import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appends a message to {@code api.outbox}; {@link OutboxRelay} publishes it after commit. Must be
 * composed into the same reactive transaction as the change the message reports, so the message
 * exists exactly when the change was committed.
 */
@Component
public class OutboxWriter {
    private final DatabaseClient db;
    private final Clock clock;

    public OutboxWriter(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Wraps {@code payload} in a new envelope and appends it; returns the envelope written. */
    public <T> Mono<Envelope<T>> append(String exchange, String routingKey, String type, int version,
                                        String correlationId, T payload) {
        Envelope<T> envelope = Envelope.of(type, version, correlationId, payload, clock);
        return append(exchange, routingKey, envelope).thenReturn(envelope);
    }

    public Mono<Void> append(String exchange, String routingKey, Envelope<?> envelope) {
        return db.sql("INSERT INTO api.outbox (message_id, exchange, routing_key, message_type, payload) "
                        + "VALUES (:messageId, :exchange, :routingKey, :type, :payload)")
                .bind("messageId", envelope.messageId())
                .bind("exchange", exchange)
                .bind("routingKey", routingKey)
                .bind("type", envelope.type())
                .bind("payload", MessageJson.writeString(envelope))
                .then();
    }
}
