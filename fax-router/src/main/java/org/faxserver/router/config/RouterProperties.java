package org.faxserver.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code faxserver.router.*}.
 *
 * @param directoryMaxAge longest a directory snapshot is used without a reload, in case a
 *                        {@code directory.changed} was lost; default 5m
 * @param routingTimeout  longest wait for the directory when planning one job; default 10s
 */
@ConfigurationProperties("faxserver.router")
public record RouterProperties(Duration directoryMaxAge, Duration routingTimeout) {

  public RouterProperties {
    directoryMaxAge = directoryMaxAge == null ? Duration.ofMinutes(5) : directoryMaxAge;
    routingTimeout = routingTimeout == null ? Duration.ofSeconds(10) : routingTimeout;
  }
}
