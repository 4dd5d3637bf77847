package org.faxserver.api.outbox;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.faxserver.model.messaging.Envelope;
import org.faxserver.support.Outbox;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appends a message to {@code api.outbox}; service-support's relay publishes it after commit. Must be
 * composed into the same reactive transaction as the change the message reports (or written in the same
 * statement, {@link #appendWith}), so the message exists exactly when the change was committed.
 */
@Component
public class OutboxWriter {
    private final Outbox outbox;
    private final Clock clock;

    public OutboxWriter(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Wraps {@code payload} in a new envelope and appends it; returns the envelope written. */
    public <T> Mono<Envelope<T>> append(String exchange, String routingKey, String type, int version,
                                        String correlationId, T payload) {
        Envelope<T> envelope = Envelope.of(type, version, correlationId, payload, clock);
        return append(exchange, routingKey, envelope).thenReturn(envelope);
    }

    public Mono<Void> append(String exchange, String routingKey, Envelope<?> envelope) {
        return outbox.append(exchange, routingKey, envelope);
    }

    /** A message in a new envelope, for {@link #appendWith}. */
    public <T> Outbox.Message message(String exchange, String routingKey, String type, int version,
                                      String correlationId, T payload) {
        return new Outbox.Message(exchange, routingKey, Envelope.of(type, version, correlationId, payload, clock));
    }

    /** A change and its message in one statement, without a transaction: see {@link Outbox#appendWith}. */
    public Mono<Boolean> appendWith(String changeSql, UnaryOperator<GenericExecuteSpec> bindChange,
                                    Outbox.Message message) {
        return outbox.appendWith(changeSql, bindChange, message);
    }
}
