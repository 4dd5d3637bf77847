package org.faxserver.api.fax.events;

import java.util.concurrent.atomic.AtomicLong;

import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Translates {@code job.status} and {@code attempt.progress} envelopes from this instance's own queue
 * into {@link JobEvent}s for the hub. Nothing is stored: an event no stream is watching is dropped,
 * and an unreadable message is logged and dropped (never redelivered in a loop).
 */
public class JobEventsListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(JobEventsListener.class);
    private final JobEventHub hub;
    private final AtomicLong received = new AtomicLong();

    public JobEventsListener(JobEventHub hub) {
        this.hub = hub;
    }

    @Override
    public void onMessage(Message message) {
        received.incrementAndGet();
        try {
            byte[] body = message.getBody();
            String type = MessageJson.typeOf(body);
            if (JobStatusChanged.TYPE.equals(type)) {
                hub.publish(JobEvent.of(MessageJson.read(body, JobStatusChanged.class)));
            } else if (AttemptProgress.TYPE.equals(type)) {
                hub.publish(JobEvent.progress(MessageJson.read(body, AttemptProgress.class)));
            } else {
                log.debug("ignoring message of type {} on the job events queue", type);
            }
        } catch (RuntimeException e) {
            log.warn("dropping unreadable job event {}: {}", message.getMessageProperties().getMessageId(), e.toString());
        }
    }

    /** Messages this instance received (for diagnostics and tests). */
    public long received() {
        return received.get();
    }
}
