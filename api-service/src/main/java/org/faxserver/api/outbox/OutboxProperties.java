package org.faxserver.api.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.outbox.*}: how the relay polls the outbox, retries unconfirmed publishes, and how
 * long sent rows are kept (for diagnosis) before they are deleted.
 */
@ConfigurationProperties("faxserver.outbox")
public record OutboxProperties(@DefaultValue("500ms") Duration pollInterval,
                               @DefaultValue("100") int batchSize,
                               @DefaultValue("5s") Duration confirmTimeout,
                               @DefaultValue("1s") Duration retryBackoff,
                               @DefaultValue("5m") Duration maxRetryBackoff,
                               @DefaultValue("7d") Duration retention) {
}
