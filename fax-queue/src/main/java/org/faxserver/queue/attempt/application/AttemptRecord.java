package org.faxserver.queue.attempt.application;

import java.time.Instant;
import java.util.UUID;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;

/** A stored attempt, as the application needs it to judge reports about it. */
public record AttemptRecord(
    UUID attemptId,
    UUID jobId,
    int number,
    EndpointRef endpoint,
    Instant startedAt,
    Instant deadline,
    Instant killRequestedAt,
    Instant endedAt) {

  public boolean isGatewayCall() {
    return endpoint.kind() == EndpointKind.GATEWAY;
  }
}
