package org.faxserver.api.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.inbox.*}: the archive of received faxes.
 *
 * @param queue          the durable queue all replicas share; {@code <queue>.parking} beside it
 * @param retention      how long received documents (TIFF, PDF, PNG) are kept; the metadata stays
 * @param purgeInterval  how often the retention sweep runs
 * @param purgeBatch     documents deleted per sweep round (the sweep repeats until none is due)
 * @param maxDeliveries  attempts at archiving one message before it goes to the parking queue
 * @param consumers      concurrent archiving consumers (conversion to PDF/PNG is CPU work)
 */
@ConfigurationProperties("faxserver.inbox")
public record InboxProperties(@DefaultValue("api-service.inbound.received") String queue,
                              @DefaultValue("90d") Duration retention,
                              @DefaultValue("1h") Duration purgeInterval,
                              @DefaultValue("100") int purgeBatch,
                              @DefaultValue("5") int maxDeliveries,
                              @DefaultValue("1") int consumers) {
    public InboxProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("faxserver.inbox.retention must be positive");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("faxserver.inbox.purge-interval must be positive");
        }
        if (purgeBatch < 1 || maxDeliveries < 1 || consumers < 1) {
            throw new IllegalArgumentException("faxserver.inbox.purge-batch, max-deliveries and consumers must be >= 1");
        }
    }
}
