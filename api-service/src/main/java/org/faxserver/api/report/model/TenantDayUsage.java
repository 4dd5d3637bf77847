package org.faxserver.api.report.model;

import java.time.LocalDate;

/**
 * One tenant's faxes on one UTC day. Sent counts jobs created that day by their outcome so far
 * (jobs still running are in neither column); received counts inbound calls answered that day.
 */
public record TenantDayUsage(String tenantId, LocalDate day, long sentSucceeded, long sentFailed, long pagesSent,
                             long receivedSucceeded, long receivedFailed, long pagesReceived) {
}
