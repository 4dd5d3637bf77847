package org.faxserver.api.user.model;

import java.time.Instant;

/** A tenant user as the API may show it: no password hash, no API key hash. */
public record TenantUser(long id, long tenantId, String username, Instant apiKeyCreatedAt, Instant createdAt,
                         Instant updatedAt) {
}
