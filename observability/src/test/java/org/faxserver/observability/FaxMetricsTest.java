package org.faxserver.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.observability.FaxMetrics.Direction;
import org.junit.jupiter.api.Test;

class FaxMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FaxMetrics metrics = new FaxMetrics(registry, 2);

    @Test
    void finishedFaxesAreCountedByDirectionGatewayResultAndTransport() {
        metrics.faxFinished(Direction.SENT, "carrier-a", result(true, 3, T38Status.NEGOTIATED), Duration.ofSeconds(60));
        metrics.faxFinished(Direction.SENT, "carrier-a", result(false, 0, T38Status.OFF), Duration.ofSeconds(5));
        metrics.faxFinished(Direction.RECEIVED, null, result(true, 2, T38Status.OFF), null);

        assertThat(registry.get("faxserver.faxes").tags("direction", "sent", "gateway", "carrier-a", "result", "success",
                "transport", "t38").counter().count()).isEqualTo(1);
        assertThat(registry.get("faxserver.faxes").tags("direction", "sent", "result", "failure", "transport", "audio")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("faxserver.faxes").tags("direction", "received", "gateway", "none").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("faxserver.fax.pages").tags("direction", "sent").counter().count()).isEqualTo(3);
        assertThat(registry.get("faxserver.fax.page.duration").tags("direction", "sent").summary().mean()).isEqualTo(20.0);
        assertThat(registry.get("faxserver.fax.call.duration").tags("direction", "sent").timers()).hasSize(2);
        assertThat(registry.find("faxserver.fax.call.duration").tags("direction", "received").timer()).isNull();
    }

    @Test
    void gatewayLabelsAreBounded() {
        for (String gateway : List.of("a", "b", "c", "d")) {
            metrics.faxFinished(Direction.SENT, gateway, result(true, 1, T38Status.OFF), null);
        }
        assertThat(registry.get("faxserver.faxes").counters()).extracting(c -> c.getId().getTag("gateway"))
                .containsExactlyInAnyOrder("a", "b", "other");
        assertThat(registry.get("faxserver.faxes").tags("gateway", "other").counter().count()).isEqualTo(2);
    }

    @Test
    void gaugesReadTheirSourceOnEachScrape() {
        int[] depth = {4};
        metrics.queueDepth("waiting_retry", () -> depth[0]);
        metrics.activeCalls(Direction.RECEIVED, () -> 2);
        metrics.deliveriesWaiting("dead", () -> depth[0] + 1);
        depth[0] = 7;
        assertThat(registry.get("faxserver.queue.depth").tags("state", "waiting_retry").gauge().value()).isEqualTo(7);
        assertThat(registry.get("faxserver.deliveries.waiting").tags("state", "dead").gauge().value()).isEqualTo(8);
        assertThat(registry.get("faxserver.calls.active").tags("direction", "received").gauge().value()).isEqualTo(2);
        metrics.retryScheduled("busy");
        metrics.webhookFailed("5xx");
        assertThat(registry.get("faxserver.retries").tags("reason", "busy").counter().count()).isEqualTo(1);
        assertThat(registry.get("faxserver.webhook.failures").tags("outcome", "5xx").counter().count()).isEqualTo(1);
    }

    private static FaxResult result(boolean success, int pages, T38Status t38) {
        return new FaxResult(success, success ? 0 : 49, success ? "OK" : "call dropped", pages, pages,
                HangupCause.NORMAL_CLEARING, "REMOTE", "LOCAL", 14400, true, t38, 0, 1, List.of());
    }
}
