package org.faxserver.api.endpoint.model;

import java.time.Instant;

/** A stored endpoint: the validated draft plus identity. {@code tenantId} is derived for NUMBER scope. */
public record Endpoint(long id, Long tenantId, EndpointDraft draft, Instant createdAt, Instant updatedAt) {
}
