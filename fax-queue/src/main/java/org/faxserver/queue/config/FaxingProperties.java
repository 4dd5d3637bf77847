package org.faxserver.queue.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.faxing.*}: the seed's "faxing" settings with their meaning kept, plus our timeouts.
 *
 * @param retryAttempts        tries per endpoint, the first included (seed {@code retry_attempts})
 * @param retryDelay           wait before retrying an endpoint: seconds ("300") or "90s", "5m", "1h",
 *                             "1d"; never capped (seed {@code retry_delay}). A string, because Spring
 *                             would read a bare "300" as milliseconds
 * @param failedResponse       hangup causes that end an endpoint's tries after a failed originate
 *                             (seed {@code failed_response})
 * @param disableV17AfterRetry V.17 off once a job's calls negotiated this often; 0 = never
 * @param disableEcmAfterRetry ECM off once a job's calls negotiated this often; 0 = never
 * @param softmodemFallback    learn and apply the softmodem fallback list
 * @param enableT38            baseline: accept T.38 ({@code fax_enable_t38})
 * @param requestT38           baseline: also send the T.38 re-INVITE ({@code fax_enable_t38_request})
 * @param attemptTimeout       an attempt's deadline after its start (carried in {@code fax.originate})
 * @param killGrace            after the deadline, how long to wait before sending {@code call.kill}
 * @param reconcileTimeout     after {@code call.kill}, how long to wait for the gateway's report
 *                             before treating the call as gone and scheduling a retry
 */
@ConfigurationProperties("faxserver.faxing")
public record FaxingProperties(
    @DefaultValue("3") int retryAttempts,
    @DefaultValue("1m") String retryDelay,
    @DefaultValue List<String> failedResponse,
    @DefaultValue("0") int disableV17AfterRetry,
    @DefaultValue("0") int disableEcmAfterRetry,
    @DefaultValue("false") boolean softmodemFallback,
    @DefaultValue("true") boolean enableT38,
    @DefaultValue("false") boolean requestT38,
    @DefaultValue("15m") Duration attemptTimeout,
    @DefaultValue("30s") Duration killGrace,
    @DefaultValue("5m") Duration reconcileTimeout) {}
