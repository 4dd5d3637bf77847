package org.faxserver.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.observability.FaxMetrics.Direction;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard queries only series that FaxMetrics really exposes to Prometheus. */
class DashboardTest {
    private static final Path DASHBOARD = Path.of("grafana/faxserver-dashboard.json");
    private static final Pattern SERIES = Pattern.compile("faxserver_[a-z_]+");

    @Test
    void everySeriesTheDashboardQueriesIsExposed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = SERIES.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        assertThat(queried).isNotEmpty();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FaxMetrics metrics = new FaxMetrics(registry, 10);
        metrics.faxFinished(Direction.SENT, "gw", new FaxResult(true, 0, "OK", 1, 1, HangupCause.NORMAL_CLEARING,
                null, null, 9600, true, T38Status.OFF, 0, 1, List.of()), Duration.ofSeconds(30));
        metrics.retryScheduled("busy");
        metrics.webhookFailed("5xx");
        metrics.queueDepth("queued", () -> 1);
        metrics.deliveriesWaiting("due", () -> 1);
        metrics.deliveryTried("webhook", "receipt", "delivered");
        metrics.activeCalls(Direction.SENT, () -> 1);
        String scrape = registry.scrape();
        Set<String> exposed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(faxserver_[a-z_]+)").matcher(scrape);
        while (m.find()) {
            exposed.add(m.group(1));
        }
        assertThat(exposed).containsAll(queried);
    }
}
