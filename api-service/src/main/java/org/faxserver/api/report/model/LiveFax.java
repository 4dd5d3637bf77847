package org.faxserver.api.report.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A job that has not ended, for the admin live view: its status and, while a call is up, the call
 * (attempt id = FreeSWITCH channel uuid), its gateway and the pages sent so far.
 */
public record LiveFax(UUID jobId, String tenantId, String to, String status, int pagesTotal, int attempts,
                      Instant nextAttemptAt, Instant createdAt, UUID callId, Integer attempt, String gateway,
                      Instant callStartedAt, Integer pagesSent) {
}
