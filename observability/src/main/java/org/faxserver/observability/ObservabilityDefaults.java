package org.faxserver.observability;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;


/**
 * Defaults shared by every service, at the lowest precedence (a service's application.yml or the
 * environment overrides each): the job id in every log line, Actuator's health groups for Kubernetes
 * probes and the Prometheus endpoint, and the service name as a common metric tag.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>(Map.of(
                "logging.pattern.level", "%5p [job=%X{" + JobLogContext.KEY + ":-}]",
                "management.endpoints.web.exposure.include", "health,info,prometheus",
                "management.endpoint.health.probes.enabled", "true",
                "management.endpoint.health.show-components", "always",
                "management.metrics.tags.service", "${spring.application.name:faxserver}"));
        // Only keys nobody set, merged into Boot's default properties (the lowest precedence).
        defaults.keySet().removeIf(environment::containsProperty);
        DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
    }
}
