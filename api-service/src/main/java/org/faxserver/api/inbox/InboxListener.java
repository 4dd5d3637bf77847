package org.faxserver.api.inbox;

import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Archives each {@code inbound.received}. The container acks only after {@link #onMessage} returned,
 * that is after the row committed; a failure is retried and then parked (see {@link InboxConfiguration}).
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
        if (archiver.archive(received)) {
            log.info("archived received fax {} for tenant {} ({} pages, success={})", received.callId(),
                    received.tenantId(), received.result().pagesTransferred(), received.result().success());
        }
    }
}
