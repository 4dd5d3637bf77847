package org.faxserver.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.outbox.*}: the service's outbox table, how the relay polls it and retries
 * unconfirmed publishes, and how long sent rows are kept. The relay is also woken after every commit
 * that appended a message, so the poll only matters for retries and other replicas' rows.
 *
 * @param table           schema.table of the outbox, e.g. "queue.outbox" (required)
 * @param pollInterval    pause between polls when the outbox is empty
 * @param batchSize       rows claimed per transaction
 * @param confirmTimeout  how long to wait for the broker's publisher confirm
 * @param markDelay       longest a confirmed row waits to be marked sent with others (one statement for many;
 *                        a crash meanwhile publishes it again after its lease, at-least-once as always)
 * @param retryBackoff    first wait after a failed publish; doubles per failure
 * @param maxRetryBackoff upper bound of that wait
 * @param retention       how long sent rows are kept (for diagnosis) before the relay deletes them
 */
@ConfigurationProperties("faxserver.outbox")
public record OutboxProperties(
    String table,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("5s") Duration confirmTimeout,
    @DefaultValue("100ms") Duration markDelay,
    @DefaultValue("1s") Duration retryBackoff,
    @DefaultValue("5m") Duration maxRetryBackoff,
    @DefaultValue("7d") Duration retention) {}
