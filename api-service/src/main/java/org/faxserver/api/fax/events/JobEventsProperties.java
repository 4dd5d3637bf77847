package org.faxserver.api.fax.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.events.*}: the job event streams ({@code GET /fax/jobs/{id}/events}).
 *
 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it open and dead
 *                  clients are noticed
 * @param unbindAfter how long this instance keeps receiving job events after its last stream ended;
 *                    an instance without streams receives none (a client reconnecting within this
 *                    time finds the events flowing already)
 */
@ConfigurationProperties("faxserver.events")
public record JobEventsProperties(@DefaultValue("15s") Duration heartbeat,
                                  @DefaultValue("30s") Duration unbindAfter) {
    public JobEventsProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("faxserver.events.heartbeat must be positive");
        }
        if (unbindAfter.isNegative()) {
            throw new IllegalArgumentException("faxserver.events.unbind-after must not be negative");
        }
    }
}
