package org.faxserver.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.faxserver.observability.amqp.JobLogAdviceInstaller;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What every service gets by depending on this module: {@link FaxMetrics} on the service's meter
 * registry (scraped at {@code /actuator/prometheus}) and, with {@code faxserver.loki.enabled=true},
 * its logs shipped to Loki. Defaults for the log pattern and Actuator exposure come from
 * {@link ObservabilityDefaults}.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class})
@EnableConfigurationProperties(LokiProperties.class)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    FaxMetrics faxMetrics(MeterRegistry registry,
                          @Value("${faxserver.metrics.max-gateways:200}") int maxGateways) {
        return new FaxMetrics(registry, maxGateways);
    }

    /** The job id in the logging context while a message is handled (services that consume AMQP). */
    @Bean
    @ConditionalOnClass(name = "org.springframework.amqp.rabbit.config.BaseRabbitListenerContainerFactory")
    static JobLogAdviceInstaller jobLogAdviceInstaller() {
        return new JobLogAdviceInstaller();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "faxserver.loki.enabled", havingValue = "true")
    LokiLogging lokiLogging(LokiProperties props, @Value("${spring.application.name:faxserver}") String service) {
        return new LokiLogging(props, service);
    }
}
