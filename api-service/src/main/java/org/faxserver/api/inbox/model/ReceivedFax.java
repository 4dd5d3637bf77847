package org.faxserver.api.inbox.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A fax received for the tenant, as the inbox shows it. {@code documentsAvailable} is false when the
 * reception failed before a page arrived or the retention period has deleted the documents.
 */
public record ReceivedFax(UUID id, String caller, String callee, String sourceGateway, boolean success,
                          Integer resultCode, String resultText, String hangupCause, String remoteCsid, int pages,
                          Integer transferRate, boolean ecmUsed, Instant startedAt, Instant receivedAt,
                          boolean documentsAvailable, Instant documentsPurgedAt) {
}
