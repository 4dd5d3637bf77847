package org.faxserver.api.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Archives each {@code inbound.received}. The container acks only after {@link #onMessage} returned,
 * that is after the row committed; a failure is retried and then parked, one that retrying cannot
 * cure (unreadable message, invalid tenant or key) is parked at once (see {@link InboxConfiguration}).
 */
class InboxListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);
    private final InboxArchiver archiver;

    InboxListener(InboxArchiver archiver) {
        this.archiver = archiver;
    }

    @Override
    public void onMessage(Message message) {
        Envelope<InboundReceived> envelope = MessageJson.read(message.getBody(), InboundReceived.class);
        InboundReceived received = envelope.payload();
        boolean archived;
        try {
            archived = archiver.archive(received);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the received fax " + received.callId(), e);
        }
        if (archived) {
            log.info("archived received fax {} for tenant {} ({} pages, success={})", received.callId(),
                    received.tenantId(), received.result().pagesTransferred(), received.result().success());
        }
    }
}
