package org.faxserver.api.outbox;

import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records a {@code directory.changed} fact in the outbox. Must be composed into the same reactive
 * transaction as the change itself, so the event exists exactly when the change was committed.
 */
@Component
public class DirectoryEvents {
    private final OutboxWriter outbox;

    public DirectoryEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> record(DirectoryChanged change) {
        return outbox.append(Exchanges.FAX_EVENTS, RoutingKeys.DIRECTORY_CHANGED, DirectoryChanged.TYPE,
                DirectoryChanged.VERSION, null, change).then();
    }
}
