package org.faxserver.api.tenant.model;

import java.time.Instant;

public record Tenant(long id, String name, String notifySpec, Instant createdAt, Instant updatedAt) {
}
