package org.faxserver.api.report.model;

import java.time.LocalDate;

/**
 * One tenant's faxes on one UTC day, by the day the job was created or the call started. Sent: API
 * jobs that ended, by outcome, and the pages of the successful ones. Forwarded: store-and-forward
 * deliveries of received faxes and PBX relays. Received: inbound calls, and the pages of successful
 * receptions. Jobs still running are in no column.
 */
public record TenantDayUsage(String tenantId, LocalDate day, long sentSucceeded, long sentFailed, long pagesSent,
                             long forwardedSucceeded, long forwardedFailed, long receivedSucceeded,
                             long receivedFailed, long pagesReceived) {
}
