package org.faxserver.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.loki.*}: shipping logs to Grafana Loki (off by default).
 *
 * @param enabled           attach the Loki appender to the root logger
 * @param url               Loki's push endpoint
 * @param tenantId          {@code X-Scope-OrgID} for a multi-tenant Loki; empty for none
 * @param username          basic-auth user; empty for none
 * @param password          basic-auth password
 * @param labels            extra static stream labels, {@code key=value} pairs separated by commas
 * @param batchMaxItems     events per push
 * @param batchTimeout      longest wait before a partial batch is pushed
 * @param sendQueueMaxBytes memory for batches waiting to be sent; beyond it events are dropped, never
 *                          waited for (a slow or absent Loki must not stall the service)
 * @param connectTimeout    connecting to Loki
 * @param requestTimeout    one push; on shutdown unsent batches are dropped, not waited for
 */
@ConfigurationProperties("faxserver.loki")
public record LokiProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("http://localhost:3100/loki/api/v1/push") String url,
                             @DefaultValue("") String tenantId,
                             @DefaultValue("") String username,
                             @DefaultValue("") String password,
                             @DefaultValue("") String labels,
                             @DefaultValue("1000") int batchMaxItems,
                             @DefaultValue("5s") Duration batchTimeout,
                             @DefaultValue("41943040") long sendQueueMaxBytes,
                             @DefaultValue("5s") Duration connectTimeout,
                             @DefaultValue("5s") Duration requestTimeout) {
}
