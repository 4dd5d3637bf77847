package org.faxserver.queue.attempt.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.job.EndpointRef;

/**
 * An attempt about to start: what the application stores and turns into {@code fax.originate} or
 * {@code deliver.*}.
 *
 * @param attemptId the new attempt's id (the FreeSWITCH {@code origination_uuid} for calls)
 * @param number    1-based attempt number within the job
 * @param endpoint  where it goes
 * @param fax       fax settings for gateway calls; null for webhook/email
 * @param overrides dial-string overrides for gateway calls; empty otherwise
 * @param deadline  by when it must be over
 */
public record AttemptSpec(
    UUID attemptId, UUID jobId, int number, EndpointRef endpoint, FaxSettings fax, Map<String, String> overrides,
    Instant deadline) {

  public AttemptSpec {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(endpoint, "endpoint");
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }
}
