package org.faxserver.api.outbox;

import java.time.Clock;

import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records a {@code directory.changed} fact in the outbox. Must be composed into the same reactive
 * transaction as the change itself, so the event exists exactly when the change was committed.
 */
@Component
public class DirectoryEvents {
    private final DatabaseClient db;
    private final Clock clock;

    public DirectoryEvents(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<Void> record(DirectoryChanged change) {
        Envelope<DirectoryChanged> envelope =
                Envelope.of(DirectoryChanged.TYPE, DirectoryChanged.VERSION, null, change, clock);
        return db.sql("INSERT INTO api.outbox (message_id, exchange, routing_key, message_type, payload) "
                        + "VALUES (:messageId, :exchange, :routingKey, :type, :payload)")
                .bind("messageId", envelope.messageId())
                .bind("exchange", Exchanges.FAX_EVENTS)
                .bind("routingKey", RoutingKeys.DIRECTORY_CHANGED)
                .bind("type", envelope.type())
                .bind("payload", MessageJson.writeString(envelope))
                .then();
    }
}
