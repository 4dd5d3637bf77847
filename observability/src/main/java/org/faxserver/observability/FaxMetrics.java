package org.faxserver.observability;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.T38Status;

/**
 * The fax metrics every service records into (Prometheus names in brackets). Labels are bounded:
 * direction, result, transport, a gateway name (at most {@code maxGateways} distinct values) and
 * small enumerations; never a phone number, tenant or job id.
 *
 * <ul>
 *   <li>{@code faxserver.faxes} [faxserver_faxes_total]: finished faxes by direction (sent/received),
 *       gateway, result (success/failure) and transport (t38/audio)</li>
 *   <li>{@code faxserver.fax.pages} [faxserver_fax_pages_total]: pages transferred by direction</li>
 *   <li>{@code faxserver.fax.call.duration} [faxserver_fax_call_duration_seconds]: call time of a fax
 *       attempt, by direction and result</li>
 *   <li>{@code faxserver.fax.page.duration} [faxserver_fax_page_duration_seconds]: call time per page
 *       transferred, by direction</li>
 *   <li>{@code faxserver.retries} [faxserver_retries_total]: retries scheduled, by reason</li>
 *   <li>{@code faxserver.webhook.failures} [faxserver_webhook_failures_total]: failed webhook tries, by outcome</li>
 *   <li>{@code faxserver.deliveries} [faxserver_deliveries_total]: email/webhook delivery tries by channel, purpose
 *       and what followed (delivered, retry, dead)</li>
 *   <li>{@code faxserver.deliveries.waiting} [faxserver_deliveries_waiting]: email/webhook deliveries not done, by
 *       state (due, scheduled, dead)</li>
 *   <li>{@code faxserver.queue.depth} [faxserver_queue_depth]: jobs waiting, by state</li>
 *   <li>{@code faxserver.calls.active} [faxserver_calls_active]: calls in progress, by direction</li>
 * </ul>
 */
public final class FaxMetrics {
    public enum Direction {
        SENT, RECEIVED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Histogram buckets, few and fixed, so quantiles can be estimated in Prometheus. */
    private static final Duration[] CALL_BUCKETS = {Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30)};
    private static final double[] PAGE_BUCKETS = {10, 20, 30, 45, 60, 90, 120, 300};

    private final MeterRegistry registry;
    private final BoundedTagValues gateways;
    /** Reasons and outcomes are meant to be small enumerations; a caller passing free text is capped. */
    private final BoundedTagValues reasons = new BoundedTagValues(20);
    private final BoundedTagValues outcomes = new BoundedTagValues(20);

    public FaxMetrics(MeterRegistry registry, int maxGateways) {
        this.registry = registry;
        this.gateways = new BoundedTagValues(maxGateways);
    }

    /** One fax attempt (sending) or reception is over. {@code callDuration} may be null if unknown. */
    public void faxFinished(Direction direction, String gateway, FaxResult result, Duration callDuration) {
        String outcome = result.success() ? "success" : "failure";
        Counter.builder("faxserver.faxes")
                .description("Finished faxes (one per attempt when sending, one per call when receiving)")
                .tag("direction", direction.tag())
                .tag("gateway", gateways.of(gateway))
                .tag("result", outcome)
                .tag("transport", transport(result.t38Status()))
                .register(registry).increment();
        int pages = result.pagesTransferred();
        if (pages > 0) {
            Counter.builder("faxserver.fax.pages").description("Pages transferred")
                    .tag("direction", direction.tag()).register(registry).increment(pages);
        }
        if (callDuration != null && !callDuration.isNegative()) {
            Timer.builder("faxserver.fax.call.duration").description("Call time of a fax attempt or reception")
                    .tag("direction", direction.tag()).tag("result", outcome)
                    .serviceLevelObjectives(CALL_BUCKETS)
                    .register(registry).record(callDuration);
            if (pages > 0) {
                DistributionSummary.builder("faxserver.fax.page.duration").baseUnit("seconds")
                        .description("Call time per page transferred")
                        .serviceLevelObjectives(PAGE_BUCKETS)
                        .tag("direction", direction.tag())
                        .register(registry).record(callDuration.toMillis() / 1000.0 / pages);
            }
        }
    }

    /** A retry was scheduled; {@code reason} is a small enumeration such as "busy" or "t30". */
    public void retryScheduled(String reason) {
        Counter.builder("faxserver.retries").description("Retries scheduled")
                .tag("reason", reasons.of(reason))
                .register(registry).increment();
    }

    /** A webhook try failed; {@code outcome} is e.g. "network", "4xx", "5xx", "dead-lettered". */
    public void webhookFailed(String outcome) {
        Counter.builder("faxserver.webhook.failures").description("Failed webhook deliveries")
                .tag("outcome", outcomes.of(outcome)).register(registry).increment();
    }

    /**
     * A delivery try was recorded: {@code channel} ("email", "webhook"), {@code purpose} ("document", "receipt")
     * and {@code result} ("delivered", "retry", or "dead" when it was dead-lettered) are small enumerations.
     */
    public void deliveryTried(String channel, String purpose, String result) {
        Counter.builder("faxserver.deliveries").description("Email and webhook delivery tries, by what followed")
                .tag("channel", outcomes.of(channel)).tag("purpose", outcomes.of(purpose))
                .tag("result", outcomes.of(result)).register(registry).increment();
    }

    /**
     * Registers the gauge of deliveries in one state: "due" (waiting for a worker), "scheduled" (a retry later,
     * or a try under way) or "dead" (dead-lettered, waiting for an admin's redelivery), read on each scrape.
     */
    public void deliveriesWaiting(String state, Supplier<Number> deliveries) {
        Gauge.builder("faxserver.deliveries.waiting", deliveries).description("Email and webhook deliveries not done")
                .tag("state", state).strongReference(true).register(registry);
    }

    /** Registers the queue-depth gauge for one state ("queued", "waiting_retry", …), read on each scrape. */
    public void queueDepth(String state, Supplier<Number> depth) {
        Gauge.builder("faxserver.queue.depth", depth).description("Jobs waiting in fax-queue")
                .tag("state", state).strongReference(true).register(registry);
    }

    /** Registers the active-calls gauge for one direction, read on each scrape. */
    public void activeCalls(Direction direction, Supplier<Number> calls) {
        Gauge.builder("faxserver.calls.active", calls).description("Fax calls in progress")
                .tag("direction", direction.tag()).strongReference(true).register(registry);
    }

    private static String transport(T38Status status) {
        return status == T38Status.NEGOTIATED ? "t38" : "audio";
    }
}
