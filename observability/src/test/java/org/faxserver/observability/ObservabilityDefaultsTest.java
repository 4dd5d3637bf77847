package org.faxserver.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** A service that depends on this module gets FaxMetrics, the defaults, and Loki only when asked. */
class ObservabilityDefaultsTest {

    @Configuration
    @EnableAutoConfiguration
    static class Service {
    }

    @Test
    void aServiceGetsMetricsAndDefaultsThatItsOwnSettingsOverride() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=fax-queue", "management.endpoint.health.show-components=never")
                .run()) {
            assertThat(context.getBean(FaxMetrics.class)).isNotNull();
            assertThat(context.getBeansOfType(LokiLogging.class)).isEmpty();
            var env = context.getEnvironment();
            assertThat(env.getProperty("logging.pattern.level")).contains("%X{jobId");
            assertThat(env.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
            assertThat(env.getProperty("management.metrics.tags.service")).isEqualTo("fax-queue");
            assertThat(env.getProperty("management.endpoint.health.show-components")).isEqualTo("never");
        }
    }
}
